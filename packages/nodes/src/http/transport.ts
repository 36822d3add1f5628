import type { HttpResponse } from '../define.js';
import type { ClientRequest } from './types.js';

/** Network error codes that mean the request never reached the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** Sends one attempt with `fetch`, encoding the body and decoding the response. */
export async function sendOnce(
  fetchImpl: typeof fetch,
  request: ClientRequest,
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<HttpResponse> {
  const init: RequestInit = {
    method: request.method,
    headers: { ...headers },
    signal,
    redirect: 'follow',
  };
  const initHeaders = init.headers as Record<string, string>;
  setDefault(initHeaders, 'accept', 'application/json');

  if (request.body !== undefined) {
    if (typeof request.body === 'string') {
      init.body = request.body;
      setDefault(initHeaders, 'content-type', 'text/plain; charset=utf-8');
    } else if (request.body instanceof URLSearchParams) {
      init.body = request.body;
      setDefault(initHeaders, 'content-type', 'application/x-www-form-urlencoded');
    } else {
      init.body = JSON.stringify(request.body);
      setDefault(initHeaders, 'content-type', 'application/json');
    }
  }

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

/** Returns whether a fetch error shows that the request never reached the server. */
export function neverSent(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' && NOT_SENT_CODES.has(cause.code);
}

/** Returns the message of a fetch error with its cause, such as `fetch failed (ECONNRESET)`. */
export function describeFetchError(error: unknown): string {
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

function decodeBody(text: string, contentType: string | undefined): unknown {
  if (text === '') return null;
  if (!contentType?.includes('json')) return text;

  try {
    return JSON.parse(text) as unknown;
  } catch {
    // A server that labels non-JSON text as JSON: keep the text so the caller can show it.
    return text;
  }
}

function setDefault(headers: Record<string, string>, name: string, value: string): void {
  const present = Object.keys(headers).some((key) => key.toLowerCase() === name);
  if (!present) headers[name] = value;
}
