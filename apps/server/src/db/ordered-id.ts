import crypto from 'node:crypto';

/**
 * Returns a new UUID version 7 (RFC 9562): a 48-bit Unix time in milliseconds, then 74 random
 * bits. Ids made later sort after earlier ones (within a millisecond the order is random), so
 * a primary-key or unique index grows at its right edge. A random version 4 id lands on a
 * random index page, and every such page is written to the WAL again at the next commit.
 * The id shows when the row was created.
 */
export function orderedId(now = Date.now()): string {
  const time = now.toString(16).padStart(12, '0');
  // randomUUID() is "xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx"; its version digit 4 is at index 14.
  const random = crypto.randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}
