import type { HttpRequest } from '../define.js';

/**
 * Returns a copy of the request headers with the defaults of the HTTP client: `accept` JSON, and
 * a `content-type` that matches the body (text, a form, or JSON for any other value).
 */
export function requestHeaders(
  headers: Record<string, string>,
  body: HttpRequest['body'],
): Record<string, string> {
  const copy = { ...headers };
  setDefault(copy, 'accept', 'application/json');
  if (body === undefined) return copy;

  if (typeof body === 'string') setDefault(copy, 'content-type', 'text/plain; charset=utf-8');
  else if (body instanceof URLSearchParams)
    setDefault(copy, 'content-type', 'application/x-www-form-urlencoded');
  else setDefault(copy, 'content-type', 'application/json');
  return copy;
}

/** Encodes a request body as text: a string as it is, a form as a query string, else JSON. */
export function encodeBody(body: HttpRequest['body']): string | undefined {
  if (body === undefined) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  return JSON.stringify(body) as string | undefined;
}

/** Decodes a response body: JSON when the content type is JSON and the body parses, else the text. */
export function decodeBody(text: string, contentType: string | undefined): unknown {
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
