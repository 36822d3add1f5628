import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  ExecutionScheduler,
  MemoryExecutionStore,
  MemoryJournal,
  resourceKeyOf,
  runExecution,
  type ExecutionOutcome,
} from '../src/index.js';
import {
  edge,
  executionInput,
  flow,
  post,
  startTestApi,
  userEvent,
  type TestApi,
} from './harness.js';

let api: TestApi;

beforeEach(async () => {
  api = await startTestApi();
});

afterEach(async () => {
  await api.close();
});

describe('scheduled executions', () => {
  it('deliver events per resource in order', async () => {
    const document = flow(
      [post('notify', api, '/events', { user: '{{ resourceId }}', event: '{{ id }}' })],
      [edge('trigger', 'notify')],
    );
    const store = new MemoryExecutionStore();
    const journal = new MemoryJournal();
    const events = new Map<string, ReturnType<typeof userEvent>>();
    for (let index = 0; index < 6; index++) {
      for (const resourceId of ['u-1', 'u-2', 'u-3']) {
        const event = userEvent({ id: `${resourceId}/${index}`, resourceId });
        events.set(`exec-${event.id}`, event);
        store.enqueue({ id: `exec-${event.id}`, resourceKey: resourceKeyOf(event) });
      }
    }

    const scheduler = new ExecutionScheduler({
      store,
      workers: 3,
      pollMs: 10,
      async execute(claimed): Promise<ExecutionOutcome> {
        const event = events.get(claimed.id)!;
        const result = await runExecution(
          executionInput(document, journal, { executionId: claimed.id, event }),
        );
        return {
          status: result.status,
          retryable: result.error?.retryable,
          error: result.error?.message,
        };
      },
    });
    scheduler.start();
    await scheduler.idle();
    await scheduler.stop();

    expect(api.requests).toHaveLength(18);
    for (const resourceId of ['u-1', 'u-2', 'u-3']) {
      const received = api.requests
        .map((request) => request.body as { user: string; event: string })
        .filter((body) => body.user === resourceId)
        .map((body) => body.event);
      expect(received).toEqual([0, 1, 2, 3, 4, 5].map((index) => `${resourceId}/${index}`));
    }
  });
});
