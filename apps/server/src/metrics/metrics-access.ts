import { safeEqual } from '../security/hash.js';

/**
 * Returns true for loopback client addresses: 127.0.0.0/8, `::1` and IPv4-mapped
 * `::ffff:127.x.x.x`. Node reports the socket's peer address in one of these forms.
 */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  if (address === '::1') return true;

  const ipv4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ipv4);
}

/** The status and message that reject a scrape, or undefined when the scrape is allowed. */
export type MetricsAccessDenial = { status: 401 | 403; message: string } | undefined;

/**
 * Decides whether a client may read `/metrics`. With a token configured, every client needs
 * `Authorization: Bearer <token>`, loopback included. Without one, only loopback clients may read
 * it, because the metrics name endpoints and flows. Behind a reverse proxy on the same host every
 * client looks like loopback, so set a token there.
 */
export function checkMetricsAccess(
  token: string | undefined,
  remoteAddress: string | undefined,
  authorization: string | undefined,
): MetricsAccessDenial {
  if (token) {
    const presented = authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
    if (presented && safeEqual(presented, token)) return undefined;
    return {
      status: 401,
      message:
        'Missing or wrong bearer token; send "Authorization: Bearer <SCIMFLOW_METRICS_TOKEN>"',
    };
  }

  if (isLoopbackAddress(remoteAddress)) return undefined;
  return {
    status: 403,
    message:
      'Metrics are served to loopback clients only; set SCIMFLOW_METRICS_TOKEN to scrape from another host',
  };
}
