import type { Journal, StepRecord } from './types.js';

/**
 * A journal kept in memory: for test runs from the designer, and for tests. Records are copied
 * on the way in and out, as a database would.
 */
export class MemoryJournal implements Journal {
  private readonly records = new Map<string, Map<string, StepRecord>>();

  async loadSteps(executionId: string): Promise<StepRecord[]> {
    return [...(this.records.get(executionId)?.values() ?? [])].map((record) =>
      structuredClone(record),
    );
  }

  async saveStep(record: StepRecord): Promise<void> {
    const steps = this.records.get(record.executionId) ?? new Map<string, StepRecord>();
    steps.set(record.nodeId, structuredClone(record));
    this.records.set(record.executionId, steps);
  }

  /** Returns every stored record as JSON text, so a test can search it for a secret. */
  dump(): string {
    return JSON.stringify([...this.records.values()].map((steps) => [...steps.values()]));
  }
}
