import type { HttpRequest, HttpResponse } from '../define.js';
import { ConnectorError } from './connector-error.js';
import type { HostAllowlist } from './host-allowlist.js';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** The environment variable that sets the allowlist, named in the error's advice. */
const SETTING = 'SCIMFLOW_HTTP_ALLOWED_HOSTS';

/**
 * Throws a `ConnectorError` with code `host_not_allowed`, which no retry can fix, when `url`'s
 * host is not on the allowlist. The request has not been sent then.
 */
export function checkHostAllowed(
  allowlist: HostAllowlist,
  method: HttpRequest['method'],
  url: string,
): void {
  const target = new URL(url);
  if (allowlist.allows(target)) return;
  throw hostNotAllowed(allowlist, `${method} ${withoutQuery(target)}`, target);
}

/**
 * Returns the URL a redirect response points to, or undefined when `response` is no redirect.
 * Relative locations resolve against `url`.
 */
export function redirectTarget(url: string, response: HttpResponse): URL | undefined {
  const location = response.headers.location;
  if (!REDIRECT_STATUSES.has(response.status) || location === undefined) return undefined;
  try {
    return new URL(location, url);
  } catch {
    return undefined;
  }
}

/**
 * Throws a `host_not_allowed` ConnectorError when `response` redirects to a host that is not
 * on the allowlist. The transport returned the redirect instead of following it.
 */
export function checkRedirectAllowed(
  allowlist: HostAllowlist,
  method: HttpRequest['method'],
  url: string,
  response: HttpResponse,
): void {
  const target = redirectTarget(url, response);
  if (!target || allowlist.allows(target)) return;
  const operation = `${method} ${withoutQuery(new URL(url))} (redirected to ${withoutQuery(target)})`;
  throw hostNotAllowed(allowlist, operation, target);
}

function hostNotAllowed(allowlist: HostAllowlist, operation: string, target: URL): ConnectorError {
  return new ConnectorError({
    code: 'host_not_allowed',
    api: 'HTTP',
    operation,
    apiMessage: `${target.host} is not in the allowed hosts (${allowlist.entries.join(', ')})`,
    fix: `Send the request to an allowed host, or add ${target.host} to ${SETTING} and restart the server.`,
    retryable: false,
  });
}

// The query string can carry an API key, so messages name the URL without it.
function withoutQuery(url: URL): string {
  return `${url.origin}${url.pathname}`;
}
