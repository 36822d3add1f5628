/** The tail of the queue of each key that has work running or waiting. */
const tails = new Map<string, Promise<unknown>>();

/**
 * Runs `work` after every earlier call with the same key has settled. An upsert reads the tab,
 * then appends when no row has the key; two upserts of one key that overlap would both append.
 * Executions of different SCIM resources run concurrently (the same person provisioned through
 * two endpoints, say), so upserts into one tab wait for each other within this process.
 */
export async function withKeyLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const result = previous.then(work, work);
  const tail = result.catch(() => undefined);
  tails.set(key, tail);
  try {
    return await result;
  } finally {
    // The last call of a key removes it, so the map holds only keys with work in flight.
    if (tails.get(key) === tail) tails.delete(key);
  }
}
