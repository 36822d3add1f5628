/** The reason no response arrived. */
export type TransportFailure = 'timeout' | 'network' | 'aborted';

/**
 * Thrown by the HTTP client when a request got no response: it timed out, the connection
 * failed, or the caller aborted it. Carries no header or body, so no secret.
 */
export class HttpTransportError extends Error {
  override readonly name = 'HttpTransportError';

  constructor(
    readonly failure: TransportFailure,
    readonly method: string,
    readonly url: string,
    readonly attempts: number,
    readonly detail: string,
  ) {
    super(`${method} ${url} ${describeFailure(failure, attempts, detail)}`);
  }

  /**
   * The failure without the method and URL, such as `could not connect or lost the connection
   * after 4 tries: fetch failed (ECONNREFUSED)`, for messages that name the request already.
   * It counts tries of this one request, not runs of an execution.
   */
  get summary(): string {
    return describeFailure(this.failure, this.attempts, this.detail);
  }

  /** True for a timeout or a dropped connection, which may succeed later. An abort is the caller's decision. */
  get retryable(): boolean {
    return this.failure !== 'aborted';
  }
}

function describeFailure(failure: TransportFailure, attempts: number, detail: string): string {
  const tries = attempts === 1 ? '1 try' : `${attempts} tries`;
  return `${failureText(failure)} after ${tries}: ${detail}`;
}

function failureText(failure: TransportFailure): string {
  if (failure === 'timeout') return 'timed out';
  if (failure === 'aborted') return 'was aborted';
  return 'could not connect or lost the connection';
}

/** Thrown by an `AttemptSender` when an attempt had no complete response within its timeout. */
export class AttemptTimeoutError extends Error {
  override readonly name = 'AttemptTimeoutError';
}

/** Thrown by an `AttemptSender` when the caller's signal aborted the attempt. */
export class AttemptAbortedError extends Error {
  override readonly name = 'AttemptAbortedError';
}
