import type { HttpClient, HttpRequest, HttpResponse } from '../define.js';
import { backoffDelay, serverRequestedDelay, sleep } from './backoff.js';
import { isRateLimited, isServerFailure } from './classify.js';
import { HttpTransportError } from './errors.js';
import {
  attemptWithSender,
  attemptWithFetch,
  combineSignals,
  type AttemptResult,
} from './attempt.js';
import type { AttemptRecord, ClientRequest, HttpClientOptions, RecordedRequest } from './types.js';
import { buildUrl } from './url.js';
import { checkHostAllowed, checkRedirectAllowed } from './allowed-host.js';

/** The retrying HTTP client: an `HttpClient` that also takes `ClientRequest` options. */
export interface RetryingHttpClient extends HttpClient {
  request(request: ClientRequest): Promise<HttpResponse>;
  /** Every request of a dry-run client, in order; empty otherwise. */
  readonly recorded: readonly RecordedRequest[];
}

/** The header that marks the stand-in response a dry-run client returns for a write. */
export const DRY_RUN_HEADER = 'x-scimflow-dry-run';

const IDEMPOTENT_METHODS = new Set<HttpRequest['method']>(['GET', 'PUT', 'DELETE']);

/**
 * Creates the HTTP client that connectors send requests through. It sends JSON, builds query
 * strings, times out each attempt, and retries rate limits (429 and GitHub's or Google's
 * rate-limit 403), server failures (408, 5xx) and transport errors with full-jitter exponential
 * backoff, honoring `Retry-After` and GitHub's `x-ratelimit-reset`. It never retries other 4xx.
 * A request whose effect may have happened is repeated only by its `retry` mode: see `RetryMode`.
 *
 * Non-2xx responses are returned, not thrown, so connectors can read 404, 409 and 422.
 * It throws `HttpTransportError` when the last attempt got no response.
 */
export function createHttpClient(options: HttpClientOptions = {}): RetryingHttpClient {
  const settings = {
    maxAttempts: options.maxAttempts ?? 4,
    timeoutMs: options.timeoutMs ?? 10_000,
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
  };
  const recorded: RecordedRequest[] = [];

  const allowlist = options.allowedHosts;
  const followsRedirect = allowlist ? (target: URL) => allowlist.allows(target) : undefined;

  async function request(request: ClientRequest): Promise<HttpResponse> {
    const url = buildUrl(request.url, request.query);
    const writes = request.method !== 'GET' && !request.readOnly;
    // Checked before the dry run too, so a test run shows the request that would be rejected.
    if (allowlist) checkHostAllowed(allowlist, request.method, url);

    if (options.dryRun) {
      recorded.push({ method: request.method, url, body: request.body, sent: !writes });
      if (writes) return { status: 200, headers: { [DRY_RUN_HEADER]: 'true' }, body: null };
    }

    const maxAttempts = Math.max(1, request.maxAttempts ?? settings.maxAttempts);
    const mode =
      request.retry ?? (IDEMPOTENT_METHODS.has(request.method) ? 'idempotent' : 'checkFirst');
    const signal = combineSignals([options.signal, request.signal]);
    const headers = { ...options.headers, ...request.headers };

    for (let attempt = 1; ; attempt++) {
      const started = settings.now();
      const result = await attemptOnce(
        request,
        url,
        headers,
        signal,
        request.timeoutMs ?? settings.timeoutMs,
        attempt,
      );
      const report = (next: AttemptRecord['next'], delayMs?: number) =>
        options.onAttempt?.({
          attempt,
          method: request.method,
          url,
          ...(result.response
            ? { status: result.response.status }
            : { error: result.error.message }),
          durationMs: settings.now() - started,
          next,
          ...(delayMs === undefined ? {} : { delayMs }),
        });

      const response = result.response;
      if (allowlist && response) {
        try {
          checkRedirectAllowed(allowlist, request.method, url, response);
        } catch (error) {
          report('giveUp');
          throw error;
        }
      }
      const rateLimited =
        response !== undefined && (isRateLimited(response) || request.retryOn?.(response) === true);
      if (response && !rateLimited && !isServerFailure(response)) {
        report('return');
        return response;
      }

      const giveUp = () => {
        report('giveUp');
        if (response) return response;
        throw result.error;
      };
      if (result.error?.failure === 'aborted' || attempt >= maxAttempts) return giveUp();

      // A rate limit rejects the request before it runs. A server failure or a lost connection
      // may come after the effect, so only an idempotent request is repeated without a check.
      const mayHaveRun = !rateLimited && (result.response !== undefined || result.mayHaveRun);
      if (mayHaveRun && mode === 'checkFirst' && !request.verify) return giveUp();

      const requested = response ? serverRequestedDelay(response, settings.now()) : undefined;
      if (requested !== undefined && requested > settings.maxDelayMs) return giveUp();

      const delayMs =
        requested ??
        backoffDelay(attempt, settings.baseDelayMs, settings.maxDelayMs, settings.random);
      const verifies = mayHaveRun && mode === 'checkFirst';
      report(verifies ? 'verify' : 'retry', delayMs);
      await sleep(delayMs, signal).catch(() => {
        throw new HttpTransportError(
          'aborted',
          request.method,
          url,
          attempt,
          'aborted while waiting to retry',
        );
      });

      if (verifies && request.verify) {
        const applied = await request.verify();
        if (applied) return applied;
      }
    }
  }

  function attemptOnce(
    request: ClientRequest,
    url: string,
    headers: Record<string, string>,
    signal: AbortSignal | undefined,
    timeoutMs: number,
    attempt: number,
  ): Promise<AttemptResult> {
    const target = { request, url, headers, signal, timeoutMs, attempt, followsRedirect };
    if (options.send) return attemptWithSender(options.send, target);
    return attemptWithFetch(options.fetch ?? fetch, target);
  }

  return { request, recorded };
}

/**
 * Sends a request with the retrying client's options through any `HttpClient`. A client that is
 * not `createHttpClient`'s ignores the options and sends the plain request.
 */
export function sendRequest(http: HttpClient, request: ClientRequest): Promise<HttpResponse> {
  return http.request(request);
}
