import type { HttpResponse } from '../define.js';

/** Google's `reason` values for per-user and concurrency quotas, sent with status 403. */
const GOOGLE_QUOTA_REASONS = new Set([
  'userRateLimitExceeded',
  'quotaExceeded',
  'rateLimitExceeded',
]);

/**
 * Returns whether a response is a rate limit: 429, or a 403 that GitHub or Google sends for a rate limit.
 * A rate-limited request was rejected before it ran, so repeating it is safe for every method.
 */
export function isRateLimited(response: HttpResponse): boolean {
  if (response.status === 429) return true;
  if (response.status !== 403) return false;

  // GitHub: primary limit (remaining 0) or secondary limit (Retry-After or the message).
  if (response.headers['x-ratelimit-remaining'] === '0') return true;
  if (response.headers['retry-after'] !== undefined) return true;
  if (/secondary rate limit/i.test(messageOf(response.body))) return true;

  return GOOGLE_QUOTA_REASONS.has(googleReasonOf(response.body) ?? '');
}

/** Returns whether a response is a server failure (408 or 5xx), after which the request may have run. */
export function isServerFailure(response: HttpResponse): boolean {
  return response.status === 408 || response.status >= 500;
}

function messageOf(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const message = (body as { message?: unknown }).message;
  return typeof message === 'string' ? message : '';
}

function googleReasonOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: { errors?: { reason?: unknown }[] } }).error;
  const reason = error?.errors?.[0]?.reason;
  return typeof reason === 'string' ? reason : undefined;
}
