// @vitest-environment node
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sampleDocument } from '../test/fixtures.js';
import { ApiClient } from './client.js';
import { ApiError, describeError } from './errors.js';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

// A small admin API stand-in on 127.0.0.1 with canned replies per route, to exercise the
// client's HTTP handling: status codes, error bodies, headers and the CSRF token.
const routes = new Map<string, Handler>();
const seen: { method: string; url: string; csrf: string | undefined; body: string }[] = [];
let server: Server;
let baseUrl: string;

function json(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

beforeAll(async () => {
  routes.set('POST /api/session', (_request, _body, response) =>
    json(response, 200, { user: { username: 'admin' }, csrfToken: 'csrf-123' }),
  );
  routes.set('GET /api/flows', (_request, _body, response) => json(response, 200, []));
  routes.set('PATCH /api/flows/f1', (_request, body, response) =>
    json(response, 200, { id: 'f1', ...JSON.parse(body) }),
  );
  routes.set('GET /api/flows/missing', (_request, _body, response) =>
    json(response, 404, {
      error: { code: 'flow_not_found', message: 'Flow "missing" not found.' },
    }),
  );
  routes.set('POST /api/flows/f1/publish', (_request, _body, response) =>
    json(response, 422, {
      error: {
        code: 'flow_invalid',
        message: 'The draft has errors.',
        problems: [{ code: 'trigger_missing', severity: 'error', message: 'Add a trigger.' }],
      },
    }),
  );
  routes.set('GET /api/credentials', (_request, _body, response) =>
    json(response, 401, { error: { code: 'unauthorized', message: 'Sign in first.' } }),
  );
  routes.set('GET /api/samples', (_request, _body, response) => {
    response.writeHead(502, { 'content-type': 'text/html' });
    response.end('<html>Bad gateway</html>');
  });
  routes.set('DELETE /api/flows/f1', (_request, _body, response) => {
    response.writeHead(204);
    response.end();
  });
  routes.set('GET /api/executions', (request, _body, response) =>
    json(response, 200, { items: [], echo: request.url }),
  );

  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        csrf: request.headers['x-csrf-token'] as string | undefined,
        body,
      });
      const handler = routes.get(`${request.method} ${(request.url ?? '').split('?')[0]}`);
      if (handler) handler(request, body, response);
      else
        json(response, 404, {
          error: { code: 'route_not_found', message: `No route ${request.method} ${request.url}.` },
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('ApiClient', () => {
  it('sends the CSRF token after sign-in', async () => {
    const client = new ApiClient({ baseUrl });
    await client.signIn('admin', 'secret');
    const flow = await client.updateFlow('f1', { enabled: true });

    expect(flow).toEqual({ id: 'f1', enabled: true });
    expect(seen.at(-1)).toMatchObject({ method: 'PATCH', csrf: 'csrf-123' });
  });

  it('omits the CSRF token on GET', async () => {
    const client = new ApiClient({ baseUrl });
    await client.signIn('admin', 'secret');
    await client.listFlows();
    expect(seen.at(-1)).toMatchObject({ method: 'GET', csrf: undefined });
  });

  it('reads the error code and message', async () => {
    const error = await rejection(new ApiClient({ baseUrl }).getFlow('missing'));
    expect(error.status).toBe(404);
    expect(error.code).toBe('flow_not_found');
    expect(error.message).toBe('Flow "missing" not found.');
    expect(error.request).toBe('GET /api/flows/missing');
  });

  it('keeps validation problems', async () => {
    const error = await rejection(new ApiClient({ baseUrl }).publishFlow('f1', 'note'));
    expect(error.status).toBe(422);
    expect(error.problems).toEqual([
      { code: 'trigger_missing', severity: 'error', message: 'Add a trigger.' },
    ]);
  });

  it('reports 401 to the app', async () => {
    let signedOut = 0;
    const client = new ApiClient({ baseUrl, onUnauthorized: () => (signedOut += 1) });
    const error = await rejection(client.listCredentials());
    expect(error.isUnauthorized).toBe(true);
    expect(signedOut).toBe(1);
  });

  it('describes a non-JSON error body', async () => {
    const error = await rejection(new ApiClient({ baseUrl }).listSamples());
    expect(error.code).toBe('http_502');
    expect(error.message).toBe('GET /api/samples failed with HTTP 502 Bad Gateway.');
    expect(describeError(error)).toContain('retry');
  });

  it('reports an unreachable server', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const error = await rejection(
      new ApiClient({ baseUrl: `http://127.0.0.1:${port}` }).listFlows(),
    );
    expect(error.status).toBe(0);
    expect(error.code).toBe('network_error');
    expect(describeError(error)).toContain('Check that the ScimFlow server is running');
  });

  it('returns undefined for 204', async () => {
    await expect(new ApiClient({ baseUrl }).deleteFlow('f1')).resolves.toBeUndefined();
  });

  it('sends the document as the body', async () => {
    const client = new ApiClient({ baseUrl });
    await client.saveDraft('f1', sampleDocument()).catch(() => undefined);
    expect(JSON.parse(seen.at(-1)!.body)).toEqual({ document: sampleDocument() });
  });

  it('builds execution filters into the query', async () => {
    const page = (await new ApiClient({ baseUrl }).listExecutions({
      flowId: 'f 1',
      status: '',
      resource: 'ada',
      limit: 50,
    })) as unknown as { echo: string };
    expect(page.echo).toBe('/api/executions?flowId=f+1&resource=ada&limit=50');
  });
});
