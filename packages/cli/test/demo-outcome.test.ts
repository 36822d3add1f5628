import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { seedDemo, startTestServers, type TestServers } from '@scimflow/testservers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { AdminClient } from '../src/admin-client.js';
import { importFlow } from '../src/commands/flows-remote.js';
import { replayIntoNewEndpoints } from '../src/commands/replay-new-endpoints.js';
import { startAppProcess, type AppProcess } from '../src/demo/app-process.js';
import { createCredentials } from '../src/demo/run-demo.js';
import {
  describeOutcome,
  waitForExecutions,
  type ExecutionOutcome,
} from '../src/demo/execution-outcome.js';

const repositoryRoot = join(import.meta.dirname, '..', '..', '..');
const adminPassword = 'demo-outcome-admin-password';

/** Returns a loopback port that was free a moment ago and is closed again. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

// The demo's steps, with the GitHub credential pointing at a closed port, so that the flows
// fail the way a user's would when a service is down.
describe('demo outcome with GitHub down', () => {
  let dataDir: string;
  let servers: TestServers;
  let app: AppProcess;
  let client: AdminClient;
  let outcome: ExecutionOutcome;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'scimflow-demo-outcome-'));
    servers = await startTestServers({ port: 0 });
    const seeded = seedDemo(servers, join(dataDir, 'testservers'));

    app = await startAppProcess({
      repositoryRoot,
      port: 0,
      dataDir: join(dataDir, 'scimflow'),
      logFile: join(dataDir, 'scimflow.log'),
      // One run per execution, so that a failure is final instead of queued for a retry.
      env: {
        SCIMFLOW_ADMIN_PASSWORD: adminPassword,
        SCIMFLOW_EXECUTION_MAX_ATTEMPTS: '1',
        LOG_LEVEL: 'warn',
      },
    });
    client = await AdminClient.signIn({ url: app.url, username: 'admin', password: adminPassword });

    const unreachable = `http://127.0.0.1:${await closedPort()}`;
    await createCredentials(client, servers, seeded, unreachable);

    const flowsDir = join(repositoryRoot, 'examples', 'flows');
    for (const file of await readdir(flowsDir)) {
      await importFlow(client, join(flowsDir, file), { publish: true });
    }
    const replayStarted = new Date();
    await replayIntoNewEndpoints(client, join(repositoryRoot, 'examples', 'traffic'));

    outcome = await waitForExecutions(client, { since: replayStarted });
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await servers?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('counts the failed executions', () => {
    expect(outcome.pending).toEqual([]);
    expect(outcome.failed.length).toBeGreaterThan(0);

    const [counts] = describeOutcome(outcome, app.url);
    expect(counts).toBe(
      `${outcome.succeeded.length} executions succeeded, ${outcome.failed.length} failed`,
    );
  });

  test('names each failure and its designer link', async () => {
    const lines = describeOutcome(outcome, app.url);
    const hire = outcome.failed.find((execution) => execution.flowName === 'New hire');
    expect(hire).toBeDefined();

    const link = lines.indexOf(`    open it in the designer: ${app.url}/#/executions/${hire!.id}`);
    expect(link).toBeGreaterThan(0);
    const failure = lines[link - 1];
    expect(failure).toContain(`"New hire" for ${hire!.eventType} ${hire!.resource.display}`);
    expect(failure).toContain('failed at node invite_github');
    expect(failure).toContain('Check that the base URL in the credential is reachable');

    const opened = await client.request<{ id: string; status: string }>(
      'GET',
      `/executions/${hire!.id}`,
    );
    expect(opened.status).toBe('failed');
  });
});
