import type { StepRecord } from '@scimflow/runtime';
import { describe, expect, it } from 'vitest';
import { HoldingJournal } from './holding-journal.js';
import type { SqlJournal } from './sql-journal.js';

function record(nodeId: string, status: StepRecord['status']): StepRecord {
  return {
    executionId: 'e1',
    nodeId,
    nodeType: 'logic.transform',
    idempotencyKey: `e1:${nodeId}`,
    status,
    input: {},
    attempts: 0,
    requests: [],
    logs: [],
    dryRun: false,
    startedAt: 1,
  };
}

/** Creates a journal that lists the saves it receives as `nodeId:status`. */
function recordingJournal() {
  const saved: string[] = [];
  const journal = {
    saveStep: async (step: StepRecord) => {
      saved.push(`${step.nodeId}:${step.status}`);
    },
  } as unknown as SqlJournal;
  return { saved, journal };
}

describe('HoldingJournal', () => {
  it('holds a final save until the next step', async () => {
    const { saved, journal } = recordingJournal();
    const holding = new HoldingJournal(journal, []);

    await holding.saveStep(record('shape', 'succeeded'));
    const beforeNextStep = [...saved];
    await holding.saveStep(record('notify', 'running'));

    expect(beforeNextStep).toEqual([]);
    expect(saved).toEqual(['shape:succeeded', 'notify:running']);
  });

  it('hands over the last final save', async () => {
    const { saved, journal } = recordingJournal();
    const holding = new HoldingJournal(journal, []);

    await holding.saveStep(record('notify', 'running'));
    await holding.saveStep(record('notify', 'succeeded'));
    const held = holding.takeHeld();

    expect(held?.nodeId).toBe('notify');
    expect(held?.status).toBe('succeeded');
    expect(saved).toEqual(['notify:running']);
    expect(holding.takeHeld()).toBeUndefined();
  });

  it('writes the held save on flush', async () => {
    const { saved, journal } = recordingJournal();
    const holding = new HoldingJournal(journal, []);

    await holding.saveStep(record('notify', 'failed'));
    await holding.flush();
    await holding.flush();

    expect(saved).toEqual(['notify:failed']);
  });

  it('returns the loaded steps', async () => {
    const steps = [record('shape', 'succeeded')];
    const holding = new HoldingJournal(recordingJournal().journal, steps);

    expect(await holding.loadSteps()).toBe(steps);
  });
});
