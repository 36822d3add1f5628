import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { seedDemo, startTestServers, type TestServers } from '@scimflow/testservers';

import { AdminClient } from '../admin-client.js';
import { importFlow } from '../commands/flows-remote.js';
import { replayIntoNewEndpoints } from '../commands/replay-new-endpoints.js';
import { startAppProcess, type AppProcess } from './app-process.js';
import { describeOutcome, waitForExecutions } from './execution-outcome.js';

/** Demo settings: ports, data folder and admin password, each with a default for a developer machine. */
export interface DemoOptions {
  repositoryRoot: string;
  dataDir: string;
  appPort: number;
  testServersPort: number;
  adminPassword?: string;
  out: (line: string) => void;
}

/** The running demo: the app, the test servers and how to stop both. */
export interface Demo {
  app: AppProcess;
  servers: TestServers;
  adminPassword: string;
  stop(): Promise<void>;
}

/**
 * Starts the local GitHub and Google test servers and ScimFlow beside them, creates credentials
 * that point at the test servers, imports and publishes the example flows, replays the
 * recorded identity-provider traffic into new endpoints, and reports how the flows' executions
 * ended.
 */
export async function startDemo(options: DemoOptions): Promise<Demo> {
  const { out } = options;

  // The demo owns its data folder, so each run starts from the same state.
  await rm(options.dataDir, { recursive: true, force: true });
  await mkdir(options.dataDir, { recursive: true });

  const servers = await startTestServers({ port: options.testServersPort }).catch(
    (error: unknown) => {
      if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
      throw new Error(
        `Port ${options.testServersPort} for the test servers is in use by another program; choose another with --test-port.`,
      );
    },
  );
  const seeded = seedDemo(servers, join(options.dataDir, 'testservers'));
  out(`Test servers are running at ${servers.origin} (state page: ${servers.origin}/)`);

  const adminPassword = options.adminPassword ?? randomBytes(12).toString('base64url');
  const scim = {
    token: randomBytes(24).toString('base64url'),
    basicUser: 'asgardeo',
    basicPassword: randomBytes(18).toString('base64url'),
    apiKey: randomBytes(24).toString('base64url'),
  };
  let app: AppProcess;
  try {
    app = await startAppProcess({
      repositoryRoot: options.repositoryRoot,
      port: options.appPort,
      dataDir: options.dataDir,
      logFile: join(options.dataDir, 'scimflow.log'),
      env: {
        SCIMFLOW_ADMIN_PASSWORD: adminPassword,
        SCIMFLOW_SCIM_TOKEN: scim.token,
        SCIMFLOW_SCIM_BASIC: `${scim.basicUser}:${scim.basicPassword}`,
        SCIMFLOW_SCIM_API_KEY: scim.apiKey,
      },
    });
  } catch (error) {
    await servers.close();
    throw error;
  }
  out(`ScimFlow is running at ${app.url} (log: ${join(options.dataDir, 'scimflow.log')})`);

  const stop = async () => {
    await app.stop();
    await servers.close();
  };

  try {
    const client = await AdminClient.signIn({
      url: app.url,
      username: 'admin',
      password: adminPassword,
    });
    await createCredentials(client, servers, seeded);
    out('Created the credentials "GitHub" and "Google", pointing at the test servers');

    const flowsDir = join(options.repositoryRoot, 'examples', 'flows');
    for (const file of (await readdir(flowsDir)).filter((name) => name.endsWith('.json')).sort()) {
      const { flow, version } = await importFlow(client, join(flowsDir, file), {
        publish: true,
        note: 'Published by the demo',
      });
      out(`Imported and published "${flow.draft.name}" (version ${version})`);
    }

    const traffic = join(options.repositoryRoot, 'examples', 'traffic');
    const replayStarted = new Date();
    for (const outcome of await replayIntoNewEndpoints(client, traffic)) {
      const result = outcome.passed
        ? 'SCIM responses as recorded'
        : `failed at step ${outcome.failedStep}: ${outcome.reason}`;
      out(`Replayed ${outcome.name} into endpoint "${outcome.endpoint}": ${result}`);
    }

    // The SCIM responses do not show whether the flows succeeded, because the runtime runs them later.
    out('Waiting for the flows to run on the replayed events');
    const executions = await waitForExecutions(client, { since: replayStarted });
    for (const line of describeOutcome(executions, app.url)) out(line);
  } catch (error) {
    await stop();
    throw error;
  }

  out('');
  out(`Open ${app.url} and sign in as admin with password ${adminPassword}`);
  out(`Executions arrive under Executions; the test servers' state is at ${servers.origin}/`);
  out(`SCIM Users URL: ${app.url}/scim/v2/default/Users (bearer token ${scim.token})`);
  out('Stop the demo with Ctrl+C.');
  return { app, servers, adminPassword, stop };
}

/**
 * Creates the demo's `GitHub` and `Google` credentials, pointing at the test servers.
 * `githubBaseUrl` replaces the GitHub test server's URL, for a demo whose GitHub steps fail.
 */
export async function createCredentials(
  client: AdminClient,
  servers: TestServers,
  seeded: ReturnType<typeof seedDemo>,
  githubBaseUrl = servers.github.baseUrl,
): Promise<void> {
  await client.request('POST', '/credentials', {
    name: 'GitHub',
    type: 'github.token',
    data: { token: seeded.githubToken, baseUrl: githubBaseUrl },
  });
  await client.request('POST', '/credentials', {
    name: 'Google',
    type: 'google.serviceAccount',
    data: {
      serviceAccountKey: await readFile(seeded.serviceAccountKeyFile, 'utf8'),
      subject: seeded.adminEmail,
      directoryBaseUrl: servers.google.rootUrl,
      sheetsBaseUrl: servers.google.rootUrl,
    },
  });
}
