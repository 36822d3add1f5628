import type { HttpResponse } from '../define.js';
import { decodeBody, encodeBody, requestHeaders } from './encoding.js';
import type { ClientRequest } from './types.js';

/**
 * Network error codes that mean the request never reached the server, so even a POST may be
 * sent again. The HTTP request node's description states this rule for its users.
 */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Sends one attempt with a `fetch` function, encoding the body and decoding the response. The
 * client uses it when its options pass no `send`.
 */
export async function sendOnce(
  fetchImpl: typeof fetch,
  request: ClientRequest,
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
  redirect: 'follow' | 'manual' = 'follow',
): Promise<HttpResponse> {
  const init: RequestInit = {
    method: request.method,
    headers: requestHeaders(headers, request.body),
    signal,
    redirect,
  };
  const body = encodeBody(request.body);
  if (body !== undefined) init.body = body;

  const response = await fetchImpl(url, init);
  const text = await response.text();
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    responseHeaders[name] = value;
  });

  return {
    status: response.status,
    headers: responseHeaders,
    body: decodeBody(text, responseHeaders['content-type']),
  };
}

/** Returns whether a transport error shows that the request never reached the server. */
export function neverSent(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' && NOT_SENT_CODES.has(cause.code);
}

/**
 * Returns the message of a transport error with its cause, such as `fetch failed (ECONNRESET)`
 * or `request failed (ECONNRESET)`.
 */
export function describeTransportError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);

  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const detail =
    typeof cause?.code === 'string'
      ? cause.code
      : typeof cause?.message === 'string'
        ? cause.message
        : '';
  return detail ? `${error.message} (${detail})` : error.message;
}
