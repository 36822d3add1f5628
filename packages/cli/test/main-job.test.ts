import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { seedDemo, startTestServers, type TestServers } from '@scimflow/testservers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { AdminClient } from '../src/admin-client.js';
import { startAppProcess, type AppProcess } from '../src/demo/app-process.js';
import { createCredentials } from '../src/demo/run-demo.js';

const run = promisify(execFile);
const repositoryRoot = join(import.meta.dirname, '..', '..', '..');
const cli = join(repositoryRoot, 'packages', 'cli', 'bin', 'scimflow.mjs');
const adminPassword = 'main-job-admin-password';

interface ExecutionSummary {
  id: string;
  error?: string;
  flowName: string;
  eventType: string;
  status: string;
  resource: { display: string };
}

interface ExecutionDetail extends ExecutionSummary {
  steps: { nodeId: string; status: string; outcome?: string; output: unknown }[];
}

/** Runs the scimflow command line as a user would, signed in as the admin. */
async function scimflow(url: string, ...args: string[]) {
  return run(process.execPath, [cli, ...args, '--url', url, '--password', adminPassword], {
    cwd: repositoryRoot,
  });
}

describe('main job on recorded traffic', () => {
  let dataDir: string;
  let servers: TestServers;
  let app: AppProcess;
  let client: AdminClient;
  let executions: ExecutionSummary[];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'scimflow-main-job-'));
    servers = await startTestServers({ port: 0 });
    const seeded = seedDemo(servers, join(dataDir, 'testservers'));

    app = await startAppProcess({
      repositoryRoot,
      port: 0,
      dataDir: join(dataDir, 'scimflow'),
      logFile: join(dataDir, 'scimflow.log'),
      env: { SCIMFLOW_ADMIN_PASSWORD: adminPassword, LOG_LEVEL: 'warn' },
    });
    client = await AdminClient.signIn({ url: app.url, username: 'admin', password: adminPassword });

    await createCredentials(client, servers, seeded);

    const flowsDir = join(repositoryRoot, 'examples', 'flows');
    for (const file of await readdir(flowsDir)) {
      const { stdout } = await scimflow(
        app.url,
        'flows',
        'import',
        join(flowsDir, file),
        '--publish',
      );
      expect(stdout).toMatch(/published version 1/);
    }

    const replay = await scimflow(
      app.url,
      'replay',
      join(repositoryRoot, 'examples', 'traffic'),
      '--new-endpoints',
    );
    expect(replay.stdout).not.toContain('FAIL');

    executions = await waitForExecutions(client);
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await servers?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('every execution succeeds', () => {
    const failed = executions
      .filter((execution) => execution.status !== 'succeeded')
      .map(
        (execution) => `${execution.eventType} ${execution.resource.display}: ${execution.error}`,
      );
    expect(failed).toEqual([]);
    expect(executions.filter((e) => e.flowName === 'New hire').length).toBeGreaterThanOrEqual(7);
    expect(executions.filter((e) => e.flowName === 'Leaver').length).toBeGreaterThanOrEqual(1);
  });

  test('GitHub has one invitation per person who stays', () => {
    const invited = servers.github.invitations('acme').map((invitation) => invitation.email);
    const stayed = [
      'ada.lovelace@example.org',
      'alan.turing@example.org',
      'dario.quist@example.org',
      'grace.hopper@example.org',
      'maren.holt@example.org',
      'tomas.rydell@example.org',
    ];
    expect([...invited].sort()).toEqual(stayed);
  });

  test('Google has one account per person, the leaver suspended', () => {
    const users = servers.google.users() as { primaryEmail: string; suspended?: boolean }[];
    const byEmail = new Map(users.map((user) => [user.primaryEmail, user]));
    expect(users).toHaveLength(7);
    expect(byEmail.get('ines.ward@example.com')?.suspended).toBe(true);
    expect(byEmail.get('ada.lovelace@example.com')?.suspended).toBe(false);
  });

  test('roster has one row per person', () => {
    const [header, ...rows] = servers.google.viewSpreadsheet('roster-demo').sheets[0]!.rows;
    expect(header).toEqual(['email', 'givenName', 'familyName', 'githubLogin', 'status']);
    const emails = rows.map((row) => row[0]);
    expect(new Set(emails).size).toBe(rows.length);
    expect(rows).toHaveLength(7);
    expect(rows.find((row) => row[0] === 'ines.ward@example.org')?.[4]).toBe('left');
    expect(rows.find((row) => row[0] === 'ada.lovelace@example.org')?.[4]).toBe('active');
  });

  test('journal records each step with its outcome', async () => {
    const hire = executions.find(
      (e) => e.flowName === 'New hire' && e.resource.display === 'ada.lovelace@example.org',
    );
    expect(hire).toBeDefined();
    const detail = await client.request<ExecutionDetail>('GET', `/executions/${hire!.id}`);
    const steps = new Map(detail.steps.map((step) => [step.nodeId, step]));

    expect(steps.get('invite_github')?.status).toBe('succeeded');
    expect(steps.get('invite_github')?.outcome).toBe('created');
    expect(steps.get('create_google')?.outcome).toBe('created');
    expect(steps.get('roster_row')?.status).toBe('succeeded');
    expect(steps.has('no_email')).toBe(false);
  });
});

/** Polls the executions until the replayed events have all run, then returns them. */
async function waitForExecutions(client: AdminClient): Promise<ExecutionSummary[]> {
  const deadline = Date.now() + 60_000;
  let last: ExecutionSummary[] = [];
  while (Date.now() < deadline) {
    const page = await client.request<{ items: ExecutionSummary[] }>(
      'GET',
      '/executions?limit=200',
    );
    last = page.items;
    // A failed execution may still be waiting for its next attempt, so only final states count.
    const settled = last.every((e) => e.status === 'succeeded' || e.status === 'failed');
    if (last.length >= 20 && settled) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `Executions did not settle in 60 s: ${JSON.stringify(last.map((e) => [e.status, e.error]))}`,
  );
}
