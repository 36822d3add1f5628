import { startTestServers, type TestServers } from '@scimflow/testservers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/admin-client.js';
import { scim, userBody } from '../support/scim-client.js';
import { ADMIN_PASSWORD, startServer, type TestServer } from '../support/test-server.js';
import { startChildServer, type ChildServer } from './support/child-server.js';
import {
  finalState,
  publishLifecycleFlows,
  seedConnectorCredentials,
  seedTestServers,
} from './support/provisioning.js';

const TOKEN = 'crash-test-scim-token-4e2a';
const PEOPLE = Array.from({ length: 24 }, (_, index) => `person${index}@example.org`);

let servers: TestServers;
let setup: TestServer;
let child: ChildServer | undefined;

beforeAll(async () => {
  servers = await startTestServers();
  seedTestServers(servers);
  await servers.reset();

  // An in-process server prepares the data folder: admin, default endpoint, credentials, flows.
  setup = await startServer({
    defaultEndpoint: { bearerToken: TOKEN },
    runtime: { enabled: false },
  });
  await seedConnectorCredentials(setup, servers);
  await publishLifecycleFlows(setup, 'default');
  await setup.close();
});

afterAll(async () => {
  await child?.kill();
  await servers.close();
  setup.removeData();
});

function childEnv(): Record<string, string> {
  return {
    SCIMFLOW_DATA_DIR: setup.dataDir,
    SCIMFLOW_ADMIN_PASSWORD: ADMIN_PASSWORD,
    SCIMFLOW_WORKERS: '4',
    SCIMFLOW_EXECUTION_LEASE_MS: '1000',
  };
}

/** Creates each person in turn, several at a time; returns the userNames that got a 201. */
async function createAll(usersUrl: string, onAccepted: (count: number) => void): Promise<string[]> {
  const accepted: string[] = [];
  const queue = [...PEOPLE];
  const sender = async () => {
    for (let userName = queue.shift(); userName; userName = queue.shift()) {
      try {
        const response = await scim(usersUrl, {
          method: 'POST',
          token: TOKEN,
          body: userBody(userName),
        });
        if (response.status === 201) accepted.push(userName);
        onAccepted(accepted.length);
      } catch {
        // The server was killed mid-request, so the client has no 2xx for this person.
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, sender));
  return accepted;
}

/** Polls until no live execution is queued or running and every person in `expected` has a row. */
async function waitForExecutions(baseUrl: string, expected: string[]): Promise<void> {
  const admin = await signIn(baseUrl, ADMIN_PASSWORD);
  const deadline = Date.now() + 40_000;
  while (Date.now() < deadline) {
    const queued = await admin.request('GET', '/api/executions?status=queued&limit=1');
    const running = await admin.request('GET', '/api/executions?status=running&limit=1');
    const rows = finalState(servers).rows;
    const done = queued.body.items.length === 0 && running.body.items.length === 0;
    if (done && expected.every((person) => rows.includes(person))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `executions did not finish within 40 s; rows: ${finalState(servers).rows.length}`,
  );
}

describe('crash recovery', () => {
  it('runs every accepted event once after SIGKILL', async () => {
    // Slow invitations down so that the kill lands while executions are running.
    servers.faults.add({
      api: 'github',
      method: 'POST',
      path: '/orgs/acme/invitations',
      times: 1_000,
      action: { kind: 'delay', ms: 40 },
    });

    child = await startChildServer(childEnv());
    const first = child;
    const accepted = await createAll(first.usersUrl, (count) => {
      if (count === 12) void first.kill();
    });
    await first.kill();
    expect(accepted.length).toBeGreaterThanOrEqual(12);
    expect(accepted.length).toBeLessThan(PEOPLE.length);
    const rowsAtKill = finalState(servers).rows.length;
    expect(rowsAtKill).toBeLessThan(accepted.length);

    child = await startChildServer(childEnv());
    await waitForExecutions(child.baseUrl, accepted);

    const state = finalState(servers);
    for (const person of accepted) {
      expect(state.invitations.filter((email) => email === person)).toHaveLength(1);
      expect(state.rows.filter((email) => email === person)).toHaveLength(1);
      expect(state.workspaceUsers.filter((user) => user.email === person)).toHaveLength(1);
    }
    // A request cut off by the kill may still have committed; it then runs once too.
    expect(new Set(state.rows).size).toBe(state.rows.length);
    expect(new Set(state.invitations).size).toBe(state.invitations.length);
  });
});
