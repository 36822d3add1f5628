import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError, createHttpClient, HostAllowlist } from '@scimflow/nodes';
import { sendWithAgent } from '../src/agent-transport.js';
import { startServer } from './loopback-server.js';

// Two loopback servers: the allowlist names the first one's port only, so the second stands for
// a host that flows must not reach.
let allowed: Awaited<ReturnType<typeof startServer>>;
let other: Awaited<ReturnType<typeof startServer>>;
let allowlist: HostAllowlist;

beforeAll(async () => {
  other = await startServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end('{"reached":"other"}');
  });
  allowed = await startServer((request, response) => {
    if (request.path === '/to-other') {
      response.statusCode = 302;
      response.setHeader('location', `${other.origin}/landing?key=secret-value`);
      response.end();
      return;
    }
    if (request.path === '/to-self') {
      response.statusCode = 302;
      response.setHeader('location', '/landing');
      response.end();
      return;
    }
    response.setHeader('content-type', 'application/json');
    response.end('{"reached":"allowed"}');
  });
  allowlist = HostAllowlist.parse(`${new URL(allowed.origin).host}`);
});

afterAll(async () => {
  await allowed.close();
  await other.close();
});

const transports = [
  { name: 'node:http transport', send: sendWithAgent },
  { name: 'fetch transport', send: undefined },
];

describe.each(transports)('host allowlist with the $name', ({ send }) => {
  const client = () =>
    createHttpClient({ allowedHosts: allowlist, maxAttempts: 3, ...(send ? { send } : {}) });

  it('sends to an allowed host', async () => {
    const response = await client().request({ method: 'GET', url: `${allowed.origin}/json` });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ reached: 'allowed' });
  });

  it('rejects another host before sending', async () => {
    const before = other.received.length;

    const error = await client()
      .request({ method: 'POST', url: `${other.origin}/users?token=secret-value`, body: {} })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe('host_not_allowed');
    expect((error as ConnectorError).retryable).toBe(false);
    expect((error as ConnectorError).message).toContain(new URL(other.origin).host);
    expect((error as ConnectorError).message).toContain('SCIMFLOW_HTTP_ALLOWED_HOSTS');
    expect((error as ConnectorError).message).not.toContain('secret-value');
    expect(other.received.length).toBe(before);
  });

  it('rejects a redirect to another host', async () => {
    const before = other.received.length;

    const error = await client()
      .request({ method: 'GET', url: `${allowed.origin}/to-other` })
      .catch((caught: unknown) => caught);

    expect((error as ConnectorError).code).toBe('host_not_allowed');
    expect((error as ConnectorError).message).toContain('redirected to');
    expect((error as ConnectorError).message).not.toContain('secret-value');
    expect(other.received.length).toBe(before);
  });

  it('rejects in a dry run too', async () => {
    const dryRun = createHttpClient({ allowedHosts: allowlist, dryRun: true });

    const error = await dryRun
      .request({ method: 'DELETE', url: `${other.origin}/users/1` })
      .catch((caught: unknown) => caught);

    expect((error as ConnectorError).code).toBe('host_not_allowed');
    expect(dryRun.recorded).toEqual([]);
  });
});

describe('host allowlist redirects within the host', () => {
  it('follows them with the node:http transport', async () => {
    const agentClient = createHttpClient({ allowedHosts: allowlist, send: sendWithAgent });

    const response = await agentClient.request({ method: 'GET', url: `${allowed.origin}/to-self` });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ reached: 'allowed' });
  });
});
