/** The tail of the queue of each key that has work running or waiting in this thread. */
const tails = new Map<string, Promise<unknown>>();

// Slots of the lock memory shared between threads. Keys are hashed to a slot, so two keys may
// share one and then wait for each other without need, which is only slower.
const SLOTS = 256;
// A thread that dies while it holds a slot must not block the other threads for ever.
const SLOT_WAIT_LIMIT_MS = 30_000;

let shared: Int32Array | undefined;

/**
 * Returns the memory of the key locks of this process, creating it on first use. Pass it to
 * every worker thread that runs flows, which then calls `useKeyLockMemory` with it.
 */
export function keyLockMemory(): SharedArrayBuffer {
  shared ??= new Int32Array(new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT));
  return shared.buffer as SharedArrayBuffer;
}

/** Makes this thread's key locks wait for those of the thread that created `memory`. */
export function useKeyLockMemory(memory: SharedArrayBuffer): void {
  shared = new Int32Array(memory);
}

/**
 * Runs `work` after every earlier call with the same key has settled, in this thread and in the
 * threads sharing the lock memory. An upsert reads the tab, then appends when no row has the
 * key; two upserts of one key that overlap would both append. Executions of different SCIM
 * resources run concurrently (the same person provisioned through two endpoints, say), so
 * upserts into one tab wait for each other.
 */
export async function withKeyLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const locked = () => withSharedSlot(key, work);
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

async function withSharedSlot<T>(key: string, work: () => Promise<T>): Promise<T> {
  const cells = shared;
  if (!cells) return work();

  const slot = slotOf(key);
  const deadline = Date.now() + SLOT_WAIT_LIMIT_MS;
  let acquired = Atomics.compareExchange(cells, slot, 0, 1) === 0;
  while (!acquired && Date.now() < deadline) {
    const wait = Atomics.waitAsync(cells, slot, 1, Math.min(deadline - Date.now(), 100));
    if (wait.async) await wait.value;
    acquired = Atomics.compareExchange(cells, slot, 0, 1) === 0;
  }

  try {
    return await work();
  } finally {
    if (acquired) {
      Atomics.store(cells, slot, 0);
      Atomics.notify(cells, slot);
    }
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
