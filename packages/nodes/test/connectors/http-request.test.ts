import { createServer } from 'node:net';

import { startTestServers, type TestServers } from '@scimflow/testservers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { httpRequest } from '../../src/connectors/index.js';
import type { ResolvedCredential } from '../../src/define.js';
import { ConnectorError } from '../../src/http/index.js';
import { CANARY, runNode, runNodeError } from './harness.js';

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

interface Echo {
  method: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}

const credentials: {
  name: string;
  credential: ResolvedCredential;
  header: string;
  expected: string;
}[] = [
  {
    name: 'bearer',
    credential: { name: 'b', type: 'http.bearer', data: { token: CANARY } },
    header: 'authorization',
    expected: `Bearer ${CANARY}`,
  },
  {
    name: 'basic',
    credential: { name: 'b', type: 'http.basic', data: { username: 'ada', password: CANARY } },
    header: 'authorization',
    expected: `Basic ${btoa(`ada:${CANARY}`)}`,
  },
  {
    name: 'header',
    credential: { name: 'h', type: 'http.header', data: { name: 'X-API-Key', value: CANARY } },
    header: 'x-api-key',
    expected: CANARY,
  },
];

/** Returns a loopback port that was free a moment ago and is closed again. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe('http.request', () => {
  it('sends method, query, headers and JSON body', async () => {
    const result = await runNode(httpRequest, {
      method: 'PUT',
      url: `${servers.http.baseUrl}/echo`,
      headers: { 'X-Request-Source': 'scimflow' },
      query: { dept: 'eng', page: 1 },
      body: { userName: 'ada' },
    });

    const output = result.output as { status: number; body: Echo };
    expect(output.status).toBe(200);
    expect(output.body.method).toBe('PUT');
    expect(output.body.query).toEqual({ dept: 'eng', page: '1' });
    expect(output.body.headers['x-request-source']).toBe('scimflow');
    expect(output.body.body).toEqual({ userName: 'ada' });
  });

  it('sends the idempotency key with a POST', async () => {
    const result = await runNode(httpRequest, {
      method: 'POST',
      url: `${servers.http.baseUrl}/echo`,
      body: {},
    });

    const echo = (result.output as { body: Echo }).body;
    expect(echo.headers['idempotency-key']).toBe('evt-1:node-1');
  });

  it('sends no idempotency key when the header is empty', async () => {
    const result = await runNode(httpRequest, {
      method: 'POST',
      url: `${servers.http.baseUrl}/echo`,
      idempotencyKeyHeader: '',
    });

    const echo = (result.output as { body: Echo }).body;
    expect(echo.headers).not.toHaveProperty('idempotency-key');
  });

  it.each(credentials)(
    'authenticates with a $name credential and redacts it',
    async ({ credential, header, expected }) => {
      const result = await runNode(
        httpRequest,
        { method: 'GET', url: `${servers.http.baseUrl}/echo` },
        { credential },
      );

      const received = servers.requests.find({ api: 'http', path: '/echo' })[0]?.headers[header];
      expect(received).toBe(expected);
      expect(JSON.stringify(result.output)).not.toContain(CANARY);
    },
  );

  it('fails on an unexpected status without retry', async () => {
    servers.http.setRoute({
      path: '/hooks/new-hire',
      responses: [{ status: 404, body: { message: 'no such hook' } }],
    });

    const error = await runNodeError(httpRequest, {
      method: 'POST',
      url: `${servers.http.baseUrl}/hooks/new-hire`,
      body: {},
    });

    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.message).toContain('status 404: no such hook');
    expect((error as ConnectorError).retryable).toBe(false);
    expect(servers.requests.count({ api: 'http' })).toBe(1);
  });

  it('accepts a status listed in expected status', async () => {
    servers.http.setRoute({
      path: '/users/9',
      responses: [{ status: 404, body: { message: 'gone' } }],
    });

    const result = await runNode(httpRequest, {
      method: 'DELETE',
      url: `${servers.http.baseUrl}/users/9`,
      expectedStatus: '2xx,404',
    });

    expect(result.output).toMatchObject({ status: 404, body: { message: 'gone' } });
  });

  it('retries a GET after 503 then 429', async () => {
    servers.http.setRoute({
      path: '/flaky',
      responses: [
        { status: 503 },
        { status: 429, headers: { 'retry-after': '0' } },
        { status: 200, body: { ok: true } },
      ],
    });

    const result = await runNode(httpRequest, {
      method: 'GET',
      url: `${servers.http.baseUrl}/flaky`,
    });

    expect(result.output).toMatchObject({ status: 200 });
    expect(servers.requests.count({ api: 'http', path: '/flaky' })).toBe(3);
  });

  it('does not repeat a POST that failed with 500', async () => {
    servers.faults.add({
      api: 'http',
      method: 'POST',
      path: '/hooks/**',
      action: { kind: 'applyThenFail' },
    });

    const error = await runNodeError(httpRequest, {
      method: 'POST',
      url: `${servers.http.baseUrl}/hooks/new-hire`,
      body: { a: 1 },
    });

    expect((error as ConnectorError).status).toBe(500);
    expect((error as ConnectorError).retryable).toBe(true);
    expect(servers.requests.count({ api: 'http' })).toBe(1);
  });

  it('retries a refused POST and names the URL once', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/hooks/new-hire`;
    let tries = 0;

    const error = await runNodeError(
      httpRequest,
      { method: 'POST', url, body: { a: 1 } },
      { client: { onAttempt: () => tries++ } },
    );

    expect((error as ConnectorError).code).toBe('transport');
    expect((error as ConnectorError).retryable).toBe(true);
    expect(tries).toBe(4);
    expect(occurrences(error.message, url)).toBe(1);
    expect(error.message).toContain('after 4 tries');
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).toContain("Check the node's URL and that the service at it is running");
    expect(error.message).not.toContain('credential');
  });

  it('states the retry rule for POST', () => {
    expect(httpRequest.description).toContain('POST and PATCH are retried on 429');
    expect(httpRequest.description).toContain('connection was refused');
    expect(httpRequest.description).not.toContain('only on 429');
  });

  it('times out after the configured timeout', async () => {
    servers.http.setRoute({ path: '/slow', responses: [{ status: 200, delayMs: 500 }] });

    const error = await runNodeError(httpRequest, {
      method: 'POST',
      url: `${servers.http.baseUrl}/slow`,
      timeoutMs: 50,
    });

    expect((error as ConnectorError).code).toBe('transport');
    expect(error.message).toContain('timed out');
  });

  it('rejects a URL that is not http', async () => {
    const error = await runNodeError(httpRequest, { method: 'GET', url: 'file:///etc/passwd' });

    expect((error as ConnectorError).code).toBe('config');
    expect(error.message).toContain('is not an http or https URL');
  });

  it('sends no POST in a dry run', async () => {
    const result = await runNode(
      httpRequest,
      { method: 'POST', url: `${servers.http.baseUrl}/hooks/new-hire`, body: { a: 1 } },
      { dryRun: true },
    );

    expect(result.outcome).toBe('skipped');
    expect(result.output).toMatchObject({
      dryRun: true,
      wouldSend: { method: 'POST', body: { a: 1 } },
    });
    expect(servers.requests.count({ api: 'http' })).toBe(0);
  });
});
