import fs from 'node:fs';
import path from 'node:path';
import { startTestServers, type TestServers } from '@scimflow/testservers';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { executionsTotal } from '../../src/metrics/registry.js';
import { runCase, type ReplayCase } from '@scimflow/testservers/replay';
import { scim, userBody } from '../support/scim-client.js';
import {
  CANARY,
  finalState,
  publishLifecycleFlows,
  seedConnectorCredentials,
  seedTestServers,
} from './support/provisioning.js';
import { startRuntimeServer, type RuntimeServer } from './support/runtime-server.js';

const lifecycle = JSON.parse(
  fs.readFileSync(
    path.join(import.meta.dirname, '../fixtures/cases/asgardeo-scim2-user-lifecycle.json'),
    'utf8',
  ),
) as ReplayCase;

/** People created besides the replayed one; the last is deactivated after creation. */
const PEOPLE = ['ada.lovelace', 'grace.hopper', 'alan.turing', 'edsger.dijkstra'].map(
  (name) => `${name}@example.org`,
);

let servers: TestServers;
let running: RuntimeServer;
let flows: { onboarding: string; offboarding: string };

beforeAll(async () => {
  servers = await startTestServers();
  seedTestServers(servers);
});

afterAll(async () => {
  await servers.close();
});

beforeEach(async () => {
  await servers.reset();
  running = await startRuntimeServer('asgardeo');
  await seedConnectorCredentials(running.server, servers);
  flows = await publishLifecycleFlows(running.server, 'asgardeo');
});

afterEach(async () => {
  await running.server.close();
  running.server.removeData();
});

/** Replays the recorded Asgardeo lifecycle, creates PEOPLE and deactivates the last of them. */
async function provision(): Promise<void> {
  const { endpoint } = running;
  const replay = await runCase(lifecycle, {
    scimBase: endpoint.baseUrl,
    legacyBase: endpoint.legacyUrl,
    credentials: {
      bearerToken: endpoint.secrets.bearerToken,
      basic: endpoint.secrets.basic,
      apiKey: endpoint.secrets.apiKey,
    },
  });
  expect(replay.reason ?? 'passed').toBe('passed');

  const ids: string[] = [];
  for (const userName of PEOPLE) {
    const created = await scim(endpoint.usersUrl, {
      method: 'POST',
      token: endpoint.secrets.bearerToken,
      body: userBody(userName, { name: { givenName: userName.split('.')[0], familyName: 'Test' } }),
    });
    expect(created.status).toBe(201);
    ids.push(created.body.id);
  }

  const deactivated = await scim(`${endpoint.usersUrl}/${ids[3]}`, {
    method: 'PATCH',
    token: endpoint.secrets.bearerToken,
    body: {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    },
  });
  expect(deactivated.status).toBe(200);

  await running.server.app.flowRuntime.settled(25_000);
}

const active = PEOPLE.slice(0, 3);
const expected = {
  invitations: [...active].sort(),
  workspaceUsers: [...PEOPLE, 'ines.ward@example.org'].sort().map((email) => ({
    email,
    suspended: email === 'ines.ward@example.org' || email === PEOPLE[3],
  })),
  rows: [...active].sort(),
};

describe('provisioning lifecycle through flows', () => {
  it('reaches one invitation, user and row per person', async () => {
    await provision();

    expect(finalState(servers)).toEqual(expected);
    const failed = await running.admin.request('GET', '/api/executions?status=failed');
    expect(failed.body.items).toEqual([]);

    const counted = (await executionsTotal.get()).values.filter(
      (value) => value.labels.flow === flows.onboarding && value.labels.status === 'succeeded',
    );
    expect(counted.map((value) => value.value)).toEqual([PEOPLE.length + 1]);
  });

  it('reaches the same state with 429s and 5xx injected', async () => {
    servers.faults.add({
      api: 'github',
      method: 'POST',
      path: '/orgs/acme/invitations',
      times: 2,
      action: { kind: 'rateLimit', status: 429, retryAfterSeconds: 1 },
    });
    servers.faults.add({
      api: 'github',
      method: 'POST',
      path: '/orgs/acme/invitations',
      times: 1,
      action: { kind: 'applyThenFail', mode: 'error' },
    });
    servers.faults.add({
      api: 'google',
      method: 'POST',
      path: '/admin/directory/v1/users',
      times: 3,
      action: { kind: 'error', status: 503 },
    });
    servers.faults.add({
      api: 'google',
      path: '/v4/spreadsheets/**',
      times: 2,
      action: { kind: 'applyThenFail', mode: 'error' },
    });

    await provision();

    const failed = await running.admin.request('GET', '/api/executions?status=failed');
    expect(failed.body.items).toEqual([]);
    expect(finalState(servers)).toEqual(expected);
    expect(servers.faults.list().every((fault) => fault.remaining === 0)).toBe(true);
  });

  it('keeps the canary secret out of executions and logs', async () => {
    await provision();

    const list = await running.admin.request('GET', '/api/executions?limit=100');
    expect(list.body.items.length).toBeGreaterThan(0);
    const dialects = new Set<string>();
    for (const item of list.body.items) {
      const detail = await running.admin.request('GET', `/api/executions/${item.id}`);
      expect(detail.body.steps.length).toBeGreaterThan(0);
      expect(JSON.stringify(detail.body)).not.toContain(CANARY);
      dialects.add(detail.body.dialect);
    }
    // The replayed Asgardeo requests carry WSO2's User-Agent; the extra people are sent plainly.
    expect([...dialects].sort()).toEqual(['asgardeo-scim2', 'generic']);
    expect(running.server.logText()).toContain('execution finished');
    expect(running.server.logText()).not.toContain(CANARY);
  });
});
