import type { Journal, StepRecord } from '@scimflow/runtime';
import type { SqlJournal } from './sql-journal.js';

/**
 * The journal of one execution run on prepared statements. It holds back each step's final save
 * until the next step starts, and then writes it and waits for the commit, so no step sends a
 * request before the steps before it are journaled. The last step's final save is still held
 * when the execution returns: the executor hands it to the execution's completion, which writes
 * it in the same write and commit.
 */
export class HoldingJournal implements Journal {
  private held: StepRecord | undefined;

  constructor(
    private readonly journal: SqlJournal,
    private readonly steps: StepRecord[],
  ) {}

  /** Returns the steps loaded with the execution. */
  async loadSteps(): Promise<StepRecord[]> {
    return this.steps;
  }

  async saveStep(record: StepRecord): Promise<void> {
    // Another step saves, so the held step is done: it is written before that step goes on.
    if (this.held && this.held.nodeId !== record.nodeId) await this.flush();
    if (record.status !== 'running') {
      this.held = record;
      return;
    }
    await this.journal.saveStep(record);
  }

  /** Writes the held save, if any, and resolves once it is committed. */
  async flush(): Promise<void> {
    const record = this.held;
    this.held = undefined;
    if (record) await this.journal.saveStep(record);
  }

  /** Returns the held save and clears it, so that the caller writes it. */
  takeHeld(): StepRecord | undefined {
    const record = this.held;
    this.held = undefined;
    return record;
  }
}
