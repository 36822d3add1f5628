import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMetricsAccess, isLoopbackAddress } from '../../src/metrics/metrics-access.js';
import { signIn, type AdminClient } from '../support/admin-client.js';
import { createEndpoint, type TestEndpoint } from '../support/endpoint.js';
import { scim } from '../support/scim-client.js';
import { ADMIN_PASSWORD, startServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
let admin: AdminClient;
let endpoint: TestEndpoint;

beforeAll(async () => {
  server = await startServer();
  admin = await signIn(server.baseUrl, ADMIN_PASSWORD);
  endpoint = await createEndpoint(admin, 'metered');
});

afterAll(async () => {
  await server.close();
  server.removeData();
});

async function scrape(headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${server.baseUrl}/metrics`, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
}

/** Returns the value of one series, or 0 when the scrape does not contain it. */
function valueOf(text: string, series: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('metrics', () => {
  it('count SCIM requests and accepted events', async () => {
    const created = '{endpoint="metered",method="POST",status="201"}';
    const rejected = '{endpoint="metered",method="GET",status="401"}';
    const before = await scrape();

    const user = await scim(endpoint.usersUrl, {
      method: 'POST',
      token: endpoint.secrets.bearerToken,
      body: {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'metered.user@example.com',
      },
    });
    expect(user.status).toBe(201);
    const unauthorized = await scim(endpoint.usersUrl, { token: 'wrong' });
    expect(unauthorized.status).toBe(401);

    const after = await scrape();
    expect(valueOf(after, `scimflow_scim_requests_total${created}`)).toBe(
      valueOf(before, `scimflow_scim_requests_total${created}`) + 1,
    );
    expect(valueOf(after, `scimflow_scim_requests_total${rejected}`)).toBe(
      valueOf(before, `scimflow_scim_requests_total${rejected}`) + 1,
    );
    expect(valueOf(after, 'scimflow_events_accepted_total{type="user.created"}')).toBe(
      valueOf(before, 'scimflow_events_accepted_total{type="user.created"}') + 1,
    );
  });

  it('label unknown endpoints as unknown', async () => {
    const response = await scim(`${server.baseUrl}/scim/v2/no-such-endpoint/Users`, { token: 'x' });
    expect(response.status).toBe(404);

    const text = await scrape();
    expect(text).toContain(
      'scimflow_scim_requests_total{endpoint="unknown",method="GET",status="404"}',
    );
    expect(text).not.toContain('no-such-endpoint');
  });

  it('declare the runtime series', async () => {
    const text = await scrape();
    for (const name of [
      'scimflow_executions_total',
      'scimflow_step_duration_seconds',
      'scimflow_queue_depth',
      'scimflow_retries_total',
      'process_cpu_user_seconds_total',
    ]) {
      expect(text, name).toContain(`# TYPE ${name} `);
    }
    expect(text).toContain('scimflow_queue_depth{status="queued"}');
  });
});

describe('metrics access', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.10.0.5', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['192.0.2.10', false],
    ['::ffff:192.0.2.10', false],
    ['2001:db8::1', false],
    ['1127.0.0.1', false],
    [undefined, false],
  ])('address %s is loopback: %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });

  it.each([
    ['no token, loopback client', undefined, '127.0.0.1', undefined, undefined],
    ['no token, remote client', undefined, '192.0.2.10', undefined, 403],
    ['token, right bearer', 'scrape-token', '192.0.2.10', 'Bearer scrape-token', undefined],
    ['token, wrong bearer', 'scrape-token', '127.0.0.1', 'Bearer other', 401],
    ['token, loopback without bearer', 'scrape-token', '127.0.0.1', undefined, 401],
  ])('%s', (_case, token, address, authorization, status) => {
    expect(checkMetricsAccess(token, address, authorization)?.status).toBe(status);
  });

  it('token set requires the bearer over HTTP', async () => {
    process.env.SCIMFLOW_METRICS_TOKEN = 'metrics-test-token';
    const guarded = await startServer();
    delete process.env.SCIMFLOW_METRICS_TOKEN;

    try {
      const anonymous = await fetch(`${guarded.baseUrl}/metrics`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);

      const authorized = await fetch(`${guarded.baseUrl}/metrics`, {
        headers: { authorization: 'Bearer metrics-test-token' },
      });
      expect(authorized.status).toBe(200);
      expect(await authorized.text()).toContain('scimflow_scim_requests_total');
    } finally {
      await guarded.close();
      guarded.removeData();
    }
  });
});
