import { afterEach, describe, expect, it } from 'vitest';

import {
  ExecutionScheduler,
  MemoryExecutionStore,
  type ClaimedExecution,
  type ExecutionOutcome,
  type ExecutionStore,
} from '../src/index.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let scheduler: ExecutionScheduler | undefined;

afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
});

describe('ExecutionScheduler', () => {
  it('keeps per-resource order under concurrency', async () => {
    const store = new MemoryExecutionStore();
    const resources = ['ep:User:a', 'ep:User:b', 'ep:Group:c'];
    for (let index = 0; index < 8; index++) {
      for (const resource of resources)
        store.enqueue({ id: `${resource}#${index}`, resourceKey: resource });
    }
    const finished = new Map<string, number[]>();
    const running = new Set<string>();
    let concurrent = 0;
    let maxConcurrent = 0;
    let overlapWithinResource = false;

    scheduler = new ExecutionScheduler({
      store,
      workers: 4,
      pollMs: 20,
      async execute(execution: ClaimedExecution): Promise<ExecutionOutcome> {
        if (running.has(execution.resourceKey)) overlapWithinResource = true;
        running.add(execution.resourceKey);
        maxConcurrent = Math.max(maxConcurrent, ++concurrent);

        await sleep(1 + Math.floor(Math.random() * 6));

        concurrent--;
        running.delete(execution.resourceKey);
        const order = finished.get(execution.resourceKey) ?? [];
        order.push(Number(execution.id.split('#')[1]));
        finished.set(execution.resourceKey, order);
        return { status: 'succeeded' };
      },
    });
    scheduler.start();
    await scheduler.idle();

    for (const resource of resources)
      expect(finished.get(resource)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(overlapWithinResource).toBe(false);
    expect(maxConcurrent).toBeGreaterThan(1);
    expect(store.unfinishedCount()).toBe(0);
  });

  it('retries a retryable failure before later events of its resource', async () => {
    const store = new MemoryExecutionStore();
    store.enqueue({ id: 'first', resourceKey: 'ep:User:a' });
    store.enqueue({ id: 'second', resourceKey: 'ep:User:a' });
    const runs: string[] = [];

    scheduler = new ExecutionScheduler({
      store,
      workers: 2,
      pollMs: 5,
      backoff: () => 30,
      async execute(execution) {
        runs.push(`${execution.id}@${execution.attempt}`);
        if (execution.id === 'first' && execution.attempt === 1) {
          return { status: 'failed', retryable: true, error: 'GitHub returned 502' };
        }
        return { status: 'succeeded' };
      },
    });
    scheduler.start();
    await waitFor(() => store.unfinishedCount() === 0);

    expect(runs).toEqual(['first@1', 'first@2', 'second@1']);
    expect(store.get('first')?.status).toBe('succeeded');
  });

  it('gives up after the last attempt and on non-retryable failures', async () => {
    const store = new MemoryExecutionStore();
    store.enqueue({ id: 'flaky', resourceKey: 'r1' });
    store.enqueue({ id: 'stopped', resourceKey: 'r2' });
    const attempts = new Map<string, number>();

    scheduler = new ExecutionScheduler({
      store,
      workers: 2,
      pollMs: 5,
      maxAttempts: 3,
      backoff: () => 1,
      async execute(execution) {
        attempts.set(execution.id, execution.attempt);
        return {
          status: 'failed',
          retryable: execution.id === 'flaky',
          error: `${execution.id} failed`,
        };
      },
    });
    scheduler.start();
    await waitFor(() => store.unfinishedCount() === 0);

    expect(attempts.get('flaky')).toBe(3);
    expect(attempts.get('stopped')).toBe(1);
    expect(store.get('flaky')).toMatchObject({ status: 'failed', error: 'flaky failed' });
  });

  it('takes over an execution whose lease expired', async () => {
    const store = new MemoryExecutionStore();
    store.enqueue({ id: 'orphan', resourceKey: 'r1' });
    store.enqueue({ id: 'next', resourceKey: 'r1' });
    // A worker that claimed the execution and then died: its lease ends in the past.
    const dead = await store.claimNext({
      workerId: 'dead',
      now: Date.now(),
      leaseUntil: Date.now() - 1,
    });
    expect(dead?.id).toBe('orphan');
    const runs: string[] = [];

    scheduler = new ExecutionScheduler({
      store,
      workers: 1,
      pollMs: 5,
      async execute(execution) {
        runs.push(`${execution.id}@${execution.attempt}`);
        return { status: 'succeeded' };
      },
    });
    scheduler.start();
    await waitFor(() => store.unfinishedCount() === 0);

    expect(runs).toEqual(['orphan@2', 'next@1']);
  });

  it('runs a resource queue without polling', async () => {
    const store = new MemoryExecutionStore();
    for (let index = 0; index < 5; index++) store.enqueue({ id: `r#${index}`, resourceKey: 'r' });
    let claims = 0;
    const counting = Object.create(store) as MemoryExecutionStore;
    counting.claimNext = (claim) => {
      claims++;
      return store.claimNext(claim);
    };
    const runs: string[] = [];
    // Idle workers only poll after a minute, so every claim here follows a wake-up.
    scheduler = new ExecutionScheduler({
      store: counting,
      workers: 4,
      pollMs: 60_000,
      execute: async (execution) => {
        runs.push(execution.id);
        await sleep(2);
        return { status: 'succeeded' };
      },
    });
    scheduler.start();
    await waitFor(() => store.unfinishedCount() === 0, 2_000);

    expect(runs).toEqual(['r#0', 'r#1', 'r#2', 'r#3', 'r#4']);
    // Each run wakes one idle worker: 4 first claims, 5 by the running worker, 4 in vain.
    expect(claims).toBeLessThanOrEqual(14);
  });

  it('runs what completing claimed', async () => {
    const store = new MemoryExecutionStore();
    for (let index = 0; index < 3; index++) store.enqueue({ id: `r#${index}`, resourceKey: 'r' });
    const calls: string[] = [];
    const combined = Object.create(store) as MemoryExecutionStore & ExecutionStore;
    combined.claimNext = (claim) => {
      calls.push('claimNext');
      return store.claimNext(claim);
    };
    combined.completeAndClaimNext = async (id, workerId, outcome, claim) => {
      calls.push('completeAndClaimNext');
      await store.complete(id, workerId, outcome);
      return store.claimNext(claim);
    };
    const runs: string[] = [];
    scheduler = new ExecutionScheduler({
      store: combined,
      workers: 1,
      pollMs: 60_000,
      execute: async (execution) => {
        runs.push(execution.id);
        return { status: 'succeeded' };
      },
    });
    scheduler.start();
    await waitFor(() => store.unfinishedCount() === 0 && calls.length >= 5, 2_000);

    expect(runs).toEqual(['r#0', 'r#1', 'r#2']);
    // One claim to start and one that finds the queue empty; the rest came with completions.
    expect(calls).toEqual([
      'claimNext',
      'completeAndClaimNext',
      'completeAndClaimNext',
      'completeAndClaimNext',
      'claimNext',
    ]);
  });

  it('stops many idle workers without listener warnings', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    scheduler = new ExecutionScheduler({
      store: new MemoryExecutionStore(),
      workers: 16,
      pollMs: 60_000,
      execute: async () => ({ status: 'succeeded' }),
    });
    scheduler.start();
    await scheduler.idle();

    const started = Date.now();
    await scheduler.stop();
    scheduler = undefined;
    // Node reports warnings on the next tick.
    await sleep(10);
    process.off('warning', onWarning);

    expect(Date.now() - started).toBeLessThan(1_000);
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });

  it('rejects a worker count below one', () => {
    expect(
      () =>
        new ExecutionScheduler({
          store: new MemoryExecutionStore(),
          workers: 0,
          execute: async () => ({ status: 'succeeded' }),
        }),
    ).toThrow(/worker count 0 is invalid/);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms.`);
    await sleep(5);
  }
}
