import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyLockTimeoutError } from '../../src/connectors/sheets/key-lock-error.js';
import {
  keyLockMemory,
  useKeyLockMemory,
  withKeyLock,
} from '../../src/connectors/sheets/key-lock.js';
import { startLockHolder } from './lock-holder.js';

const TAB = 'people\u0000Staff list';
// Short leases keep the tests fast; the waits below are several leases long.
const LEASE_MS = 200;

let holder: Worker | undefined;

afterEach(async () => {
  await holder?.terminate();
  holder = undefined;
});

/** Starts a worker thread that takes the lock of `key` and holds it, renewing its lease. */
async function startHolder(key: string): Promise<Worker> {
  holder = await startLockHolder(key, LEASE_MS);
  return holder;
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/** Collects the warnings that `withKeyLock` reports, by message. */
function warningLog(): {
  warnings: { message: string; fields: Record<string, unknown> }[];
  warn: (message: string, fields: Record<string, unknown>) => void;
} {
  const warnings: { message: string; fields: Record<string, unknown> }[] = [];
  return { warnings, warn: (message, fields) => warnings.push({ message, fields }) };
}

describe('withKeyLock', () => {
  it('runs calls with one key one after another', async () => {
    const order: string[] = [];
    const slow = withKeyLock('tab', async () => {
      order.push('first starts');
      await sleep(20);
      order.push('first ends');
    });
    const fast = withKeyLock('tab', async () => {
      order.push('second runs');
    });
    await Promise.all([slow, fast]);

    expect(order).toEqual(['first starts', 'first ends', 'second runs']);
  });

  it('waits while another thread renews its lease', async () => {
    useKeyLockMemory(keyLockMemory(), { leaseMs: LEASE_MS, waitLimitMs: 10_000 });
    const worker = await startHolder(TAB);
    const { warnings, warn } = warningLog();

    let ran = false;
    const call = withKeyLock(
      TAB,
      async () => {
        ran = true;
      },
      { warn },
    );
    await sleep(LEASE_MS * 4);
    expect(ran).toBe(false);

    worker.postMessage('release');
    await call;

    expect(ran).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('takes over the lease of a dead thread', async () => {
    useKeyLockMemory(keyLockMemory(), { leaseMs: LEASE_MS, waitLimitMs: 10_000 });
    const worker = await startHolder(TAB);
    const deadThreadId = worker.threadId;
    await worker.terminate();
    const { warnings, warn } = warningLog();

    const started = Date.now();
    await withKeyLock(TAB, async () => {}, { description: 'tab "Staff list"', warn });

    expect(Date.now() - started).toBeLessThan(LEASE_MS * 5);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toBe('took over an expired key lock');
    expect(warnings[0]!.fields.previousHolderThread).toBe(deadThreadId);
    expect(warnings[0]!.fields.description).toBe('tab "Staff list"');
  });

  it('fails retryable when the holder stays', async () => {
    useKeyLockMemory(keyLockMemory(), { leaseMs: LEASE_MS, waitLimitMs: LEASE_MS * 3 });
    const worker = await startHolder(TAB);

    let ran = false;
    const call = withKeyLock(
      TAB,
      async () => {
        ran = true;
      },
      { description: 'tab "Staff list" of spreadsheet people' },
    );
    const error = await call.then(
      () => undefined,
      (rejection: unknown) => rejection,
    );

    expect(ran).toBe(false);
    expect(error).toBeInstanceOf(KeyLockTimeoutError);
    const timeout = error as KeyLockTimeoutError;
    expect(timeout.retryable).toBe(true);
    expect(timeout.code).toBe('key_lock_timeout');
    expect(timeout.holderThreadId).toBe(worker.threadId);
    expect(timeout.message).toContain('tab "Staff list" of spreadsheet people');

    // The holder still releases normally, and the next call takes the free slot at once.
    worker.postMessage('release');
    await once(worker, 'message');
    await withKeyLock(TAB, async () => {
      ran = true;
    });
    expect(ran).toBe(true);
  });
});
