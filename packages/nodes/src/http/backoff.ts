import type { HttpResponse } from '../define.js';

/**
 * Returns the full-jitter backoff before retry number `retry` (1 for the first retry):
 * a random time below `min(maxDelayMs, baseDelayMs * 2^(retry-1))`.
 */
export function backoffDelay(
  retry: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number,
): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Returns the wait in milliseconds that the server asked for, or `undefined` when it asked for
 * none. Reads `Retry-After` (delta seconds or an HTTP date) first, then GitHub's
 * `x-ratelimit-reset` (epoch seconds) when `x-ratelimit-remaining` is 0.
 */
export function serverRequestedDelay(response: HttpResponse, now: number): number | undefined {
  const retryAfter = response.headers['retry-after'];
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (retryAfter.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);

    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }

  if (response.headers['x-ratelimit-remaining'] === '0') {
    const reset = Number(response.headers['x-ratelimit-reset']);
    if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now);
  }

  return undefined;
}

/** Waits `ms` milliseconds; rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }

    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
