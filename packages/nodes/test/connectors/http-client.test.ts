import { startTestServers, type TestServers } from '@scimflow/testservers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient, HttpTransportError, type AttemptRecord } from '../../src/http/index.js';
import { FAST_RETRY } from './harness.js';

let servers: TestServers;

beforeAll(async () => {
  servers = await startTestServers();
});

afterAll(async () => {
  await servers.close();
});

beforeEach(async () => {
  await servers.reset();
});

function clientWithJournal(options: Parameters<typeof createHttpClient>[0] = {}) {
  const attempts: AttemptRecord[] = [];
  const client = createHttpClient({
    ...FAST_RETRY,
    ...options,
    onAttempt: (record) => attempts.push(record),
  });
  return { client, attempts };
}

describe('createHttpClient', () => {
  it('sends JSON and builds the query string', async () => {
    const { client } = clientWithJournal();

    const response = await client.request({
      method: 'POST',
      url: `${servers.http.baseUrl}/echo`,
      query: { page: 2, active: true, skipped: undefined },
      body: { name: 'Ada' },
    });

    const echo = response.body as {
      query: Record<string, string>;
      body: unknown;
      headers: Record<string, string>;
    };
    expect(response.status).toBe(200);
    expect(echo.query).toEqual({ page: '2', active: 'true' });
    expect(echo.body).toEqual({ name: 'Ada' });
    expect(echo.headers['content-type']).toBe('application/json');
  });

  it.each([
    { name: '429 with Retry-After', action: { kind: 'rateLimit' as const, retryAfterSeconds: 0 } },
    { name: '503', action: { kind: 'error' as const, status: 503 } },
    { name: 'connection reset', action: { kind: 'reset' as const } },
  ])('retries a GET after $name', async ({ action }) => {
    servers.faults.add({ api: 'http', method: 'GET', path: '/people', times: 2, action });
    const { client, attempts } = clientWithJournal();

    const response = await client.request({ method: 'GET', url: `${servers.http.baseUrl}/people` });

    expect(response.status).toBe(200);
    expect(servers.requests.count({ api: 'http', path: '/people' })).toBe(3);
    expect(attempts.map((attempt) => attempt.next)).toEqual(['retry', 'retry', 'return']);
  });

  it('waits the seconds that Retry-After asks for', async () => {
    servers.faults.add({
      api: 'http',
      path: '/slow-down',
      action: { kind: 'rateLimit', retryAfterSeconds: 1 },
    });
    const { client, attempts } = clientWithJournal();

    const started = Date.now();
    const response = await client.request({
      method: 'GET',
      url: `${servers.http.baseUrl}/slow-down`,
    });

    expect(response.status).toBe(200);
    expect(attempts[0]?.delayMs).toBe(1000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
  });

  it('reads Retry-After as an HTTP date', async () => {
    const now = Date.parse('2026-12-04T20:00:00Z');
    servers.http.setRoute({
      path: '/dated',
      responses: [
        { status: 429, headers: { 'retry-after': 'Fri, 04 Dec 2026 20:00:00 GMT' } },
        { status: 200, body: { ok: true } },
      ],
    });
    const { client, attempts } = clientWithJournal({ now: () => now });

    const response = await client.request({ method: 'GET', url: `${servers.http.baseUrl}/dated` });

    expect(response.status).toBe(200);
    expect(attempts[0]?.delayMs).toBe(0);
  });

  it('waits until x-ratelimit-reset when remaining is 0', async () => {
    const now = 1_800_000_000_000;
    servers.http.setRoute({
      path: '/github-limit',
      responses: [
        {
          status: 403,
          headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000) },
          body: { message: 'API rate limit exceeded for user ID 1.' },
        },
        { status: 200, body: { ok: true } },
      ],
    });
    const { client, attempts } = clientWithJournal({ now: () => now });

    const response = await client.request({
      method: 'GET',
      url: `${servers.http.baseUrl}/github-limit`,
    });

    expect(response.status).toBe(200);
    expect(attempts[0]).toMatchObject({ status: 403, next: 'retry', delayMs: 0 });
  });

  it('gives up when the server asks for more than the max delay', async () => {
    servers.faults.add({
      api: 'http',
      path: '/later',
      action: { kind: 'rateLimit', retryAfterSeconds: 120 },
    });
    const { client, attempts } = clientWithJournal({ maxDelayMs: 5_000 });

    const response = await client.request({ method: 'GET', url: `${servers.http.baseUrl}/later` });

    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('120');
    expect(attempts.map((attempt) => attempt.next)).toEqual(['giveUp']);
  });

  it.each([400, 401, 403, 404, 409, 422])('does not retry %i', async (status) => {
    servers.http.setRoute({
      path: '/client-error',
      responses: [{ status, body: { message: 'no' } }],
    });
    const { client } = clientWithJournal();

    const response = await client.request({
      method: 'GET',
      url: `${servers.http.baseUrl}/client-error`,
    });

    expect(response.status).toBe(status);
    expect(servers.requests.count({ api: 'http', path: '/client-error' })).toBe(1);
  });

  it('stops after maxAttempts from the request', async () => {
    servers.faults.add({
      api: 'http',
      path: '/down',
      times: 10,
      action: { kind: 'error', status: 502 },
    });
    const { client } = clientWithJournal();

    const response = await client.request({
      method: 'GET',
      url: `${servers.http.baseUrl}/down`,
      maxAttempts: 2,
    });

    expect(response.status).toBe(502);
    expect(servers.requests.count({ api: 'http', path: '/down' })).toBe(2);
  });

  it('does not repeat a POST after a 500 without verify', async () => {
    servers.faults.add({ api: 'http', path: '/orders', action: { kind: 'applyThenFail' } });
    const { client, attempts } = clientWithJournal();

    const response = await client.request({
      method: 'POST',
      url: `${servers.http.baseUrl}/orders`,
      body: { id: 1 },
    });

    expect(response.status).toBe(500);
    expect(servers.requests.count({ api: 'http', path: '/orders' })).toBe(1);
    expect(attempts.map((attempt) => attempt.next)).toEqual(['giveUp']);
  });

  it('repeats a POST after a 429, which ran nothing', async () => {
    servers.faults.add({
      api: 'http',
      path: '/orders',
      action: { kind: 'rateLimit', retryAfterSeconds: 0 },
    });
    const { client } = clientWithJournal();

    const response = await client.request({
      method: 'POST',
      url: `${servers.http.baseUrl}/orders`,
      body: { id: 1 },
    });

    expect(response.status).toBe(200);
    expect(servers.requests.count({ api: 'http', path: '/orders' })).toBe(2);
  });

  it('returns what verify found instead of repeating a POST', async () => {
    servers.faults.add({
      api: 'http',
      path: '/orders',
      action: { kind: 'applyThenFail', mode: 'reset' },
    });
    const { client, attempts } = clientWithJournal();
    const found = { status: 201, headers: {}, body: { id: 'order-1' } };

    const response = await client.request({
      method: 'POST',
      url: `${servers.http.baseUrl}/orders`,
      body: { id: 1 },
      verify: async () => found,
    });

    expect(response).toBe(found);
    expect(servers.requests.count({ api: 'http', path: '/orders' })).toBe(1);
    expect(attempts[0]?.next).toBe('verify');
  });

  it('repeats a POST when verify finds no effect', async () => {
    servers.faults.add({ api: 'http', path: '/orders', action: { kind: 'error', status: 503 } });
    const { client } = clientWithJournal();

    const response = await client.request({
      method: 'POST',
      url: `${servers.http.baseUrl}/orders`,
      verify: async () => null,
    });

    expect(response.status).toBe(200);
    expect(servers.requests.count({ api: 'http', path: '/orders' })).toBe(2);
  });

  it('times out a slow attempt and retries it', async () => {
    servers.faults.add({ api: 'http', path: '/slow', action: { kind: 'delay', ms: 400 } });
    const { client, attempts } = clientWithJournal({ timeoutMs: 100 });

    const response = await client.request({ method: 'GET', url: `${servers.http.baseUrl}/slow` });

    expect(response.status).toBe(200);
    expect(attempts[0]?.error).toMatch(/timed out/);
  });

  it('throws HttpTransportError when every attempt times out', async () => {
    servers.faults.add({
      api: 'http',
      path: '/stuck',
      times: 2,
      action: { kind: 'delay', ms: 400 },
    });
    const { client } = clientWithJournal();

    const failure = await client
      .request({
        method: 'GET',
        url: `${servers.http.baseUrl}/stuck`,
        timeoutMs: 50,
        maxAttempts: 2,
      })
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(HttpTransportError);
    expect((failure as HttpTransportError).failure).toBe('timeout');
    expect((failure as HttpTransportError).retryable).toBe(true);
  });

  it('records writes in a dry run and sends only GETs', async () => {
    const { client } = clientWithJournal({ dryRun: true });

    const read = await client.request({ method: 'GET', url: `${servers.http.baseUrl}/people` });
    const write = await client.request({
      method: 'DELETE',
      url: `${servers.http.baseUrl}/people/1`,
    });

    expect(read.status).toBe(200);
    expect(write.headers['x-scimflow-dry-run']).toBe('true');
    expect(servers.requests.count({ api: 'http' })).toBe(1);
    expect(client.recorded).toEqual([
      { method: 'GET', url: `${servers.http.baseUrl}/people`, body: undefined, sent: true },
      { method: 'DELETE', url: `${servers.http.baseUrl}/people/1`, body: undefined, sent: false },
    ]);
  });
});
