import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCases, runCase, type ReplayTarget } from '@scimflow/testservers/replay';
import { signIn, type AdminClient } from './support/admin-client.js';
import { ADMIN_PASSWORD, startServer, type TestServer } from './support/test-server.js';

const cases = loadCases(path.join(import.meta.dirname, 'fixtures/cases'));

let server: TestServer;
let admin: AdminClient;

beforeAll(async () => {
  server = await startServer();
  admin = await signIn(server.baseUrl, ADMIN_PASSWORD);
});

afterAll(async () => {
  await server.close();
  server.removeData();
});

/** Creates a fresh endpoint through the admin API and returns where and how a case reaches it. */
async function freshEndpoint(name: string): Promise<ReplayTarget> {
  const slug = name.slice(0, 60).replace(/[^a-z0-9-]/g, '-');
  const created = await admin.request('POST', '/api/endpoints', { slug, name });
  if (created.status !== 201)
    throw new Error(`creating endpoint ${slug} failed: ${JSON.stringify(created.body)}`);

  const { endpoint, secrets } = created.body;
  return {
    scimBase: endpoint.baseUrl,
    legacyBase: endpoint.legacyUrl,
    credentials: { bearerToken: secrets.bearerToken, basic: secrets.basic, apiKey: secrets.apiKey },
  };
}

describe('recorded client traffic', () => {
  it('loads every case file', () => {
    expect(cases.length).toBeGreaterThan(40);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, replayCase) => {
    const result = await runCase(replayCase, await freshEndpoint(replayCase.name));
    expect(
      result.reason ? `step ${result.failedStep} (${result.request}): ${result.reason}` : 'passed',
    ).toBe('passed');
  });
});
