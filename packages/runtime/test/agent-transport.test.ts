import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, HttpTransportError, type HttpClientOptions } from '@scimflow/nodes';
import { sendWithAgent } from '../src/agent-transport.js';
import { startServer, type Handler } from './loopback-server.js';

/** Routes of the main test server, by path. */
const routes: Record<string, Handler> = {
  '/json': (_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end('{"ok":true}');
  },
  '/gzip': (_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.setHeader('content-encoding', 'gzip');
    response.end(zlib.gzipSync('{"packed":true}'));
  },
  '/deflate-raw': (_request, response) => {
    response.setHeader('content-type', 'text/plain');
    response.setHeader('content-encoding', 'deflate');
    response.end(zlib.deflateRawSync('raw deflate'));
  },
  '/bom': (_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end('\uFEFF{"bom":false}');
  },
  '/cookies': (_request, response) => {
    response.setHeader('x-many', ['one', 'two']);
    response.end();
  },
  '/see-other': (_request, response) => {
    response.writeHead(303, { location: '/json' }).end('moved');
  },
  '/temporary': (_request, response) => {
    response.writeHead(307, { location: '/echo' }).end();
  },
  '/echo': (request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ method: request.method, body: request.body }));
  },
  '/loop': (_request, response) => {
    response.writeHead(302, { location: '/loop' }).end();
  },
  '/slow-body': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.write('part');
    setTimeout(() => response.end(' rest'), 500);
  },
  '/drop': (_request, response) => {
    response.writeHead(200, { 'content-length': '100' });
    response.write('short');
    response.socket?.destroy();
  },
};

let server: Awaited<ReturnType<typeof startServer>>;
let other: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer((request, response) => {
    const route = routes[request.path];
    if (route) return route(request, response);
    if (request.path === '/to-other') {
      response.writeHead(302, { location: `${other.origin}/landing` }).end();
      return;
    }
    response.writeHead(404).end();
  });
  other = await startServer((_request, response) => response.end('landed'));
});

afterAll(async () => {
  await server.close();
  await other.close();
});

/** A client that sends over `sendWithAgent`, with one attempt unless `options` set `maxAttempts`. */
const agentClient = (options: HttpClientOptions = {}) =>
  createHttpClient({ maxAttempts: 1, timeoutMs: 2_000, ...options, send: sendWithAgent });
const client = () => agentClient();

describe('sendWithAgent', () => {
  it('sends the defaults fetch sends', async () => {
    await client().request({ method: 'POST', url: `${server.origin}/json`, body: { a: 1 } });

    const headers = server.received.at(-1)!.headers;
    expect(headers['user-agent']).toBe('node');
    expect(headers['accept-encoding']).toBe('gzip, deflate');
    expect(headers.accept).toBe('application/json');
    expect(headers['content-type']).toBe('application/json');
    expect(headers['content-length']).toBe('7');
    expect(headers.connection).toBe('keep-alive');
  });

  it('decodes gzip and raw deflate bodies', async () => {
    const gzip = await client().request({ method: 'GET', url: `${server.origin}/gzip` });
    const deflate = await client().request({ method: 'GET', url: `${server.origin}/deflate-raw` });

    expect(gzip.body).toEqual({ packed: true });
    expect(deflate.body).toBe('raw deflate');
  });

  it('drops a leading byte order mark', async () => {
    const response = await client().request({ method: 'GET', url: `${server.origin}/bom` });

    expect(response.body).toEqual({ bom: false });
  });

  it('joins repeated response headers', async () => {
    const response = await client().request({ method: 'GET', url: `${server.origin}/cookies` });

    expect(response.headers['x-many']).toBe('one, two');
  });

  it('follows 303 with a GET', async () => {
    const response = await client().request({
      method: 'POST',
      url: `${server.origin}/see-other`,
      body: { name: 'Ada' },
    });

    const landed = server.received.at(-1)!;
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ok: true });
    expect(landed.method).toBe('GET');
    expect(landed.body).toBe('');
    expect(landed.headers['content-type']).toBeUndefined();
  });

  it('follows 307 with method and body', async () => {
    const response = await client().request({
      method: 'PUT',
      url: `${server.origin}/temporary`,
      body: { name: 'Ada' },
    });

    expect(response.body).toEqual({ method: 'PUT', body: '{"name":"Ada"}' });
  });

  it('drops credentials on a redirect to another origin', async () => {
    const response = await client().request({
      method: 'GET',
      url: `${server.origin}/to-other`,
      headers: { Authorization: 'Bearer secret-token', 'x-trace': 'kept' },
    });

    const landed = other.received.at(-1)!;
    expect(response.body).toBe('landed');
    expect(landed.headers.authorization).toBeUndefined();
    expect(landed.headers['x-trace']).toBe('kept');
  });

  it('stops after 20 redirects', async () => {
    const failure = await client()
      .request({ method: 'GET', url: `${server.origin}/loop` })
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(HttpTransportError);
    expect((failure as HttpTransportError).message).toMatch(/redirect count exceeded/);
    expect(server.received.filter((request) => request.path === '/loop')).toHaveLength(21);
  });

  it('times out while the body arrives', async () => {
    const failure = await agentClient({ timeoutMs: 100 })
      .request({ method: 'GET', url: `${server.origin}/slow-body` })
      .catch((error: unknown) => error);

    expect((failure as HttpTransportError).failure).toBe('timeout');
    expect((failure as HttpTransportError).message).toMatch(/within 100 ms/);
  });

  it('fails when the connection drops mid-body', async () => {
    const failure = await client()
      .request({ method: 'GET', url: `${server.origin}/drop` })
      .catch((error: unknown) => error);

    expect((failure as HttpTransportError).failure).toBe('network');
  });

  it('retries a POST whose connection was refused', async () => {
    const closed = await startServer(() => {});
    await closed.close();
    const attempts: string[] = [];

    const failure = await agentClient({
      maxAttempts: 2,
      baseDelayMs: 1,
      onAttempt: (record) => attempts.push(`${record.next}: ${record.error}`),
    })
      .request({ method: 'POST', url: `${closed.origin}/users`, body: {} })
      .catch((error: unknown) => error);

    // A refused connection never reached the server, so even a POST is sent again.
    expect((failure as HttpTransportError).failure).toBe('network');
    expect(attempts).toHaveLength(2);
    expect(attempts[0]).toMatch(/^retry: .*request failed \(ECONNREFUSED\)/);
  });

  it('aborts when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = agentClient({ maxAttempts: 3, signal: controller.signal })
      .request({ method: 'GET', url: `${server.origin}/slow-body` })
      .catch((error: unknown) => error);
    setTimeout(() => controller.abort(), 50);

    const failure = await pending;
    expect((failure as HttpTransportError).failure).toBe('aborted');
    expect((failure as HttpTransportError).attempts).toBe(1);
  });
});
