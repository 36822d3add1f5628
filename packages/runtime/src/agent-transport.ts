import http from 'node:http';
import https from 'node:https';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

import {
  AttemptAbortedError,
  AttemptTimeoutError,
  decodeBody,
  encodeBody,
  requestHeaders,
  type AttemptSender,
  type HttpResponse,
} from '@scimflow/nodes';

/**
 * Idle time after which a kept-alive connection is closed, in milliseconds. It is undici's
 * default (undici is the client behind Node's `fetch`) and below the 5 s idle timeout of Node's
 * own HTTP server, so a request is rarely sent on a connection that the server is closing.
 */
const IDLE_SOCKET_MS = 4_000;

/** Redirects followed per request, as `fetch` follows them. */
const MAX_REDIRECTS = 20;

const agents = {
  'http:': new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
  'https:': new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
};

/**
 * Headers that `fetch` adds unless the request sets them. Sending the same ones keeps what APIs
 * see unchanged: the same `user-agent`, and compressed responses, which `receive` decodes.
 */
const FETCH_DEFAULT_HEADERS: Record<string, string> = {
  'user-agent': 'node',
  'accept-encoding': 'gzip, deflate',
};

/** Headers a redirect to another origin drops, as `fetch` does. */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

/** Headers that describe the body, dropped when a redirect turns the request into a GET. */
const BODY_HEADERS = [
  'content-encoding',
  'content-language',
  'content-location',
  'content-type',
  'content-length',
];

const decompressors: Record<string, (data: Buffer) => Promise<Buffer>> = {
  gzip: promisify(zlib.gunzip),
  'x-gzip': promisify(zlib.gunzip),
  br: promisify(zlib.brotliDecompress),
  deflate: inflateEither,
};

/**
 * Sends one attempt over node:http or node:https with keep-alive connections. It costs less CPU
 * per request than `fetch`, which builds web streams and several abort signals per request. It
 * keeps what `fetch` does: the default headers, up to 20 redirects by the Fetch standard's rules
 * for methods and headers, and decompressed bodies. It rejects with `AttemptTimeoutError` after
 * `timeoutMs` (headers and body included), with `AttemptAbortedError` when `signal` aborts, and
 * with an Error whose `cause` is the socket error (with its `code`) when the connection fails.
 */
export const sendWithAgent: AttemptSender = (
  request,
  url,
  headers,
  signal,
  timeoutMs,
  followsRedirect,
) => {
  if (signal?.aborted) return Promise.reject(new AttemptAbortedError('aborted by the caller'));

  return new Promise<HttpResponse>((resolve, reject) => {
    let current: http.ClientRequest | undefined;
    let settled = false;
    const settle = (error: Error | undefined, response?: HttpResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error) {
        current?.destroy();
        reject(error);
      } else {
        resolve(response!);
      }
    };
    const onAbort = () => settle(new AttemptAbortedError('aborted by the caller'));
    const timer = setTimeout(
      () => settle(new AttemptTimeoutError(`no complete response within ${timeoutMs} ms`)),
      timeoutMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });

    let target: Redirectable;
    try {
      target = {
        url: new URL(url),
        method: request.method,
        headers: requestHeaders(headers, request.body),
        body: bodyBytes(encodeBody(request.body)),
      };
    } catch (error) {
      settle(new Error('request failed', { cause: error }));
      return;
    }

    const send = (redirects: number) => {
      const agent = agents[target.url.protocol as keyof typeof agents];
      if (!agent) {
        const cause = new Error(`URL scheme of ${target.url.href} must be http or https`);
        settle(new Error('request failed', { cause }));
        return;
      }
      const sentHeaders = { ...FETCH_DEFAULT_HEADERS, ...lowerCaseNames(target.headers) };
      if (target.body !== undefined) sentHeaders['content-length'] = String(target.body.length);

      const client = target.url.protocol === 'https:' ? https : http;
      const options = { method: target.method, headers: sentHeaders, agent };
      current = client.request(target.url, options, (response) => {
        const location = response.headers.location;
        if (
          !isRedirect(response.statusCode ?? 0) ||
          location === undefined ||
          !follows(target.url, location, followsRedirect)
        ) {
          receive(response).then(
            (received) => settle(undefined, received),
            (error: unknown) => settle(new Error('request failed', { cause: error })),
          );
          return;
        }

        // The redirect's own body is read and dropped, so its connection can be reused.
        response.resume();
        if (redirects >= MAX_REDIRECTS) {
          settle(new Error('request failed', { cause: new Error('redirect count exceeded') }));
          return;
        }
        try {
          followRedirect(target, response.statusCode ?? 0, location);
        } catch (error) {
          settle(new Error('request failed', { cause: error }));
          return;
        }
        send(redirects + 1);
      });
      current.on('error', (error) => settle(new Error('request failed', { cause: error })));
      current.end(target.body);
    };
    send(0);
  });
};

/**
 * Returns false when `followsRedirect` rejects the redirect's target. An invalid location
 * returns true, so that following it fails with the usual error.
 */
function follows(
  from: URL,
  location: string,
  followsRedirect: ((url: URL) => boolean) | undefined,
): boolean {
  if (!followsRedirect) return true;
  try {
    return followsRedirect(new URL(location, from));
  } catch {
    return true;
  }
}

function bodyBytes(text: string | undefined): Buffer | undefined {
  return text === undefined ? undefined : Buffer.from(text);
}

/** The parts of a request that a redirect may change. */
interface Redirectable {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

/**
 * Points `target` at a redirect's `location` by the rules of the Fetch standard: credentials go
 * to the same origin only, and 303 (or 301 and 302 after a POST) turns the request into a GET
 * without a body. Throws when `location` is not a URL.
 */
function followRedirect(target: Redirectable, status: number, location: string): void {
  const next = new URL(location, target.url);
  if (next.origin !== target.url.origin) {
    for (const name of CREDENTIAL_HEADERS) deleteHeader(target.headers, name);
  }
  if (turnsIntoGet(status, target.method)) {
    target.method = 'GET';
    target.body = undefined;
    for (const name of BODY_HEADERS) deleteHeader(target.headers, name);
  }
  target.url = next;
}

/** Reads a whole response: its status, its headers as `fetch` lists them, and its decoded body. */
async function receive(response: http.IncomingMessage): Promise<HttpResponse> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  // Node emits 'aborted' and ends the stream when the connection drops mid-body.
  if (!response.complete) throw new Error('the connection closed before the body was complete');

  const headers = responseHeaders(response.rawHeaders);
  let data = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  const encoding = headers['content-encoding']?.trim().toLowerCase();
  const decompress = encoding === undefined ? undefined : decompressors[encoding];
  if (decompress && data.length > 0) data = await decompress(data);

  // `Response.text()` drops a leading byte order mark, so this does too.
  let text = data.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return {
    status: response.statusCode ?? 0,
    headers,
    body: decodeBody(text, headers['content-type']),
  };
}

/**
 * Lists response headers under lower-case names, repeated ones joined with ", " as
 * `Headers.get` joins them. `set-cookie` keeps its last value, as `Headers.forEach` leaves it.
 */
function responseHeaders(raw: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index]!.toLowerCase();
    const value = raw[index + 1]!;
    const previous = headers[name];
    headers[name] =
      previous === undefined || name === 'set-cookie' ? value : `${previous}, ${value}`;
  }
  return headers;
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function turnsIntoGet(status: number, method: string): boolean {
  if ((status === 301 || status === 302) && method === 'POST') return true;
  return status === 303 && method !== 'GET' && method !== 'HEAD';
}

function lowerCaseNames(headers: Record<string, string>): Record<string, string> {
  const lower: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    // `fetch` joins values of names that differ only in case.
    lower[key] = lower[key] === undefined ? value : `${lower[key]}, ${value}`;
  }
  return lower;
}

function deleteHeader(headers: Record<string, string>, name: string): void {
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() === name) delete headers[key];
  }
}

/** Inflates a `deflate` body, which servers send with or without the zlib wrapper. */
async function inflateEither(data: Buffer): Promise<Buffer> {
  try {
    return await promisify(zlib.inflate)(data);
  } catch {
    return promisify(zlib.inflateRaw)(data);
  }
}
