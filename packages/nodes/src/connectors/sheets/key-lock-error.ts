/**
 * Raised when a key lock stayed taken for the whole wait limit, so the work did not run. The
 * runtime reads `code` and `retryable`, and retries the step after its backoff, because the
 * holder is alive and renewing its lease and will likely release it by then.
 */
export class KeyLockTimeoutError extends Error {
  override readonly name = 'KeyLockTimeoutError';
  readonly code = 'key_lock_timeout';
  readonly retryable = true;

  constructor(
    readonly description: string,
    readonly waitedMs: number,
    readonly holderThreadId: number,
  ) {
    super(
      `Timed out after ${Math.round(waitedMs / 1000)} s waiting for the lock on ${description}, ` +
        `which runtime thread ${holderThreadId} holds and keeps renewing. The step is retried ` +
        'later. If this repeats, look in the log of that thread for a step that does not finish.',
    );
  }
}
