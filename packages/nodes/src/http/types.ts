import type { HttpRequest, HttpResponse } from '../define.js';
import type { HostAllowlist } from './host-allowlist.js';

/**
 * Sends one attempt: `headers` are the request's own, without the client's defaults, and the body
 * is still a value. Resolves with the whole response, or rejects with `AttemptTimeoutError`
 * after `timeoutMs`, with `AttemptAbortedError` when `signal` aborts, or with an Error whose
 * `cause` carries the socket error's `code` (such as ECONNREFUSED) when the connection fails.
 */
export type AttemptSender = (
  request: ClientRequest,
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal | undefined,
  timeoutMs: number,
  /**
   * Returns whether to follow a redirect to this URL. When it returns false, the sender resolves
   * with the redirect response itself. Every redirect is followed when it is absent.
   */
  followsRedirect?: (url: URL) => boolean,
) => Promise<HttpResponse>;

/**
 * The repeat policy of a request after a failure that may have left its effect applied
 * (a 5xx, a timeout or a dropped connection):
 * - `idempotent`: repeat it; sending it twice has the same effect as once (GET, PUT, DELETE).
 * - `checkFirst`: call `verify` before each repeat; repeat only when the effect is absent.
 *   Without `verify`, the request is not repeated.
 */
export type RetryMode = 'idempotent' | 'checkFirst';

/** An outbound request with the retrying client's per-call options. */
export interface ClientRequest extends HttpRequest {
  /** Attempts in total, first one included; overrides the client's `maxAttempts`. */
  maxAttempts?: number;
  /** Defaults to `idempotent` for GET, PUT and DELETE and to `checkFirst` for POST and PATCH. */
  retry?: RetryMode;
  /**
   * Checks whether the effect of this request already happened. Returns the response to use
   * as the result when it did, or `null` to let the client send the request again.
   */
  verify?: () => Promise<HttpResponse | null>;
  /**
   * Marks a request that changes nothing on the server even though its method is POST (a token
   * exchange), so a dry run still sends it.
   */
  readOnly?: boolean;
  /**
   * Marks more responses as transient, such as Google's "User creation is not complete" right
   * after an insert. They are retried like rate limits: the request did not take effect.
   */
  retryOn?: (response: HttpResponse) => boolean;
  /** Aborts the request and any wait before a retry. */
  signal?: AbortSignal;
}

/** One attempt as the `onAttempt` hook receives it. Headers are left out: they carry secrets. */
export interface AttemptRecord {
  /** 1 for the first attempt. */
  attempt: number;
  method: HttpRequest['method'];
  /** The full URL with its query string. */
  url: string;
  /** Set when a response arrived. */
  status?: number;
  /** Set when no response arrived: the transport error's message. */
  error?: string;
  durationMs: number;
  /** The client's next step. */
  next: 'return' | 'retry' | 'verify' | 'giveUp';
  /** The wait before the next attempt, when `next` is `retry`. */
  delayMs?: number;
}

/** A request that a dry-run client recorded. Headers are left out: they carry secrets. */
export interface RecordedRequest {
  method: HttpRequest['method'];
  url: string;
  body?: unknown;
  /** False when the client returned a stand-in response instead of sending the request. */
  sent: boolean;
}

/** Options of `createHttpClient`. Every delay is in milliseconds. */
export interface HttpClientOptions {
  /** Attempts per request in total, first one included. Default 4. */
  maxAttempts?: number;
  /** Timeout of one attempt, until the response body is read. Default 10 000. */
  timeoutMs?: number;
  /** Base of the exponential backoff: attempt n waits a random time below base * 2^(n-1). Default 500. */
  baseDelayMs?: number;
  /**
   * Cap of every wait. A server that requests a longer wait (Retry-After, x-ratelimit-reset)
   * gets no retry. The client returns its response, so the caller can reschedule. Default 30 000.
   */
  maxDelayMs?: number;
  /** Headers added to every request unless the request sets them. */
  headers?: Record<string, string>;
  /** Records every request; GET requests and `readOnly` ones are sent, all others are not. */
  dryRun?: boolean;
  /**
   * The hosts that requests and redirects may go to. A request to another host fails with a
   * `host_not_allowed` ConnectorError before it is sent. Any host when absent.
   */
  allowedHosts?: HostAllowlist;
  /** Called after every attempt, for the step journal. */
  onAttempt?: (record: AttemptRecord) => void;
  /** Aborts every request of this client, such as when the execution is cancelled. */
  signal?: AbortSignal;
  /** Sends every attempt; the runtime passes node:http keep-alive connections. */
  send?: AttemptSender;
  /** Sends every attempt with this `fetch` when `send` is absent. Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Returns a number in [0, 1) for the jitter. Defaults to `Math.random`. */
  random?: () => number;
  /** Returns the current time in epoch milliseconds. Defaults to `Date.now`. */
  now?: () => number;
}
