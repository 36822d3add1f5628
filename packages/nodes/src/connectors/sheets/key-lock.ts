import type { LeaseTiming, LeaseWarning } from './slot-lease.js';
import { SlotLease } from './slot-lease.js';

/** The tail of the queue of each key that has work running or waiting in this thread. */
const tails = new Map<string, Promise<unknown>>();

// Slots of the lock memory shared between threads. Keys are hashed to a slot, so two keys may
// share one and then wait for each other without need, which is only slower.
const SLOTS = 256;

/**
 * The lease and wait of the shared slots. A dead holder blocks its slot for at most the lease.
 * A live holder renews its lease for as long as its upsert runs, and an upsert retries its
 * Sheets calls with backoff, so a waiter stops after 30 s and its step is retried later.
 */
export const DEFAULT_LEASE_TIMING: LeaseTiming = { leaseMs: 10_000, waitLimitMs: 30_000 };

let shared: BigInt64Array | undefined;
let timing = DEFAULT_LEASE_TIMING;

/** Options of one `withKeyLock` call. */
export interface KeyLockOptions {
  /** Names the locked thing in errors and warnings, such as `tab "Staff" of spreadsheet 1AbC`. */
  description?: string;
  /** Receives the warnings of a takeover of an expired lease and of a lost lease. */
  warn?: LeaseWarning;
}

/**
 * Returns the memory of the key locks of this process, creating it on first use. Pass it to
 * every worker thread that runs flows, which then calls `useKeyLockMemory` with it.
 */
export function keyLockMemory(): SharedArrayBuffer {
  shared ??= new BigInt64Array(new SharedArrayBuffer(SLOTS * BigInt64Array.BYTES_PER_ELEMENT));
  return shared.buffer as SharedArrayBuffer;
}

/**
 * Makes this thread's key locks wait for those of the thread that created `memory`. Tests pass
 * a shorter `leaseTiming`.
 */
export function useKeyLockMemory(
  memory: SharedArrayBuffer,
  leaseTiming: LeaseTiming = DEFAULT_LEASE_TIMING,
): void {
  shared = new BigInt64Array(memory);
  timing = leaseTiming;
}

/**
 * Runs `work` after every earlier call with the same key has settled, in this thread and in the
 * threads sharing the lock memory. An upsert reads the tab, then appends when no row has the
 * key; two upserts of one key that overlap would both append. Executions of different SCIM
 * resources run concurrently (the same person provisioned through two endpoints, say), so
 * upserts into one tab wait for each other.
 *
 * Throws a `KeyLockTimeoutError`, which the runtime retries, without running `work` when
 * another thread held the key for the whole wait limit.
 */
export async function withKeyLock<T>(
  key: string,
  work: () => Promise<T>,
  options: KeyLockOptions = {},
): Promise<T> {
  const locked = () => withSharedSlot(key, work, options);
  const previous = tails.get(key) ?? Promise.resolve();
  const result = previous.then(locked, locked);
  const tail = result.catch(() => undefined);
  tails.set(key, tail);
  try {
    return await result;
  } finally {
    // The last call of a key removes it, so the map holds only keys with work in flight.
    if (tails.get(key) === tail) tails.delete(key);
  }
}

async function withSharedSlot<T>(
  key: string,
  work: () => Promise<T>,
  options: KeyLockOptions,
): Promise<T> {
  const cells = shared;
  if (!cells) return work();

  const lease = await SlotLease.acquire(
    cells,
    slotOf(key),
    timing,
    options.description ?? 'a key',
    options.warn ?? (() => {}),
  );
  try {
    return await work();
  } finally {
    lease.release();
  }
}

/** FNV-1a over the key's UTF-16 code units, reduced to a slot. */
function slotOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % SLOTS;
}
