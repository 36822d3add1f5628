import type { HttpResponse } from '../define.js';
import { AttemptAbortedError, AttemptTimeoutError, HttpTransportError } from './errors.js';
import { describeTransportError, neverSent, sendOnce } from './transport.js';
import type { AttemptSender, ClientRequest } from './types.js';

/** The result of one attempt: a response, or a transport error. */
export type AttemptResult =
  | { response: HttpResponse; error?: undefined }
  | { response?: undefined; error: HttpTransportError; mayHaveRun: boolean };

/** One attempt of a request, after the client built its URL and headers. */
export interface AttemptTarget {
  request: ClientRequest;
  url: string;
  headers: Record<string, string>;
  /** The caller's signal: the client's and the request's combined. */
  signal: AbortSignal | undefined;
  timeoutMs: number;
  /** 1 for the first attempt. */
  attempt: number;
  /** Returns whether to follow a redirect to a URL; every redirect is followed when absent. */
  followsRedirect?: (url: URL) => boolean;
}

/** Sends one attempt with an `AttemptSender` that the client's options passed. */
export async function attemptWithSender(
  send: AttemptSender,
  target: AttemptTarget,
): Promise<AttemptResult> {
  const { request, url, attempt } = target;
  try {
    const { headers, signal, timeoutMs, followsRedirect } = target;
    return { response: await send(request, url, headers, signal, timeoutMs, followsRedirect) };
  } catch (error) {
    if (error instanceof AttemptAbortedError) {
      return { error: aborted(target), mayHaveRun: true };
    }
    if (error instanceof AttemptTimeoutError) {
      return {
        error: new HttpTransportError('timeout', request.method, url, attempt, error.message),
        mayHaveRun: true,
      };
    }
    return { error: networkError(target, error), mayHaveRun: !neverSent(error) };
  }
}

/** Sends one attempt with `fetch`, the client's own or the one its options passed. */
export async function attemptWithFetch(
  fetchImpl: typeof fetch,
  target: AttemptTarget,
): Promise<AttemptResult> {
  const { request, url, signal, timeoutMs, attempt } = target;
  const timeout = AbortSignal.timeout(timeoutMs);
  const attemptSignal = combineSignals([signal, timeout]) ?? timeout;

  try {
    // fetch follows every redirect or none, so a checked redirect comes back to the client.
    const redirect = target.followsRedirect ? 'manual' : 'follow';
    const response = await sendOnce(
      fetchImpl,
      request,
      url,
      target.headers,
      attemptSignal,
      redirect,
    );
    return { response };
  } catch (error) {
    if (signal?.aborted) return { error: aborted(target), mayHaveRun: true };
    if (timeout.aborted) {
      const detail = `no complete response within ${timeoutMs} ms`;
      return {
        error: new HttpTransportError('timeout', request.method, url, attempt, detail),
        mayHaveRun: true,
      };
    }
    return { error: networkError(target, error), mayHaveRun: !neverSent(error) };
  }
}

function aborted(target: AttemptTarget): HttpTransportError {
  const { request, url, attempt } = target;
  return new HttpTransportError('aborted', request.method, url, attempt, 'aborted by the caller');
}

function networkError(target: AttemptTarget, error: unknown): HttpTransportError {
  const { request, url, attempt } = target;
  const detail = describeTransportError(error);
  return new HttpTransportError('network', request.method, url, attempt, detail);
}

/** Returns one signal that aborts when any of them does; the same signal given twice counts once. */
export function combineSignals(signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present: AbortSignal[] = [];
  for (const signal of signals) {
    if (signal !== undefined && !present.includes(signal)) present.push(signal);
  }
  if (present.length <= 1) return present[0];
  return AbortSignal.any(present);
}
