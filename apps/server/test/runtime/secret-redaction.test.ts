import type { ServiceAccountKey } from '@scimflow/testservers';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../../src/config.js';
import type { JsonBody } from '../support/admin-client.js';
import { chainFlow, type ChainStep } from './support/flow-documents.js';
import {
  CANARY,
  GITHUB,
  INVITE_STEP,
  WORKSPACE,
  WORKSPACE_ADMIN,
  WORKSPACE_STEP,
  seedTestServers,
} from './support/provisioning.js';
import { publishFlow, startRuntimeServer, type RuntimeServer } from './support/runtime-server.js';
import { useRuntimeSuite } from './support/runtime-suite.js';
import { createUser } from './support/webhook-flow.js';

const GITHUB_TOKEN = `ghp_${CANARY}`;

/** One attempt per request and per execution, so a dropped connection fails the step at once. */
const ONE_ATTEMPT = { maxAttempts: 1 };

/** Drops the connection, so the transport error names the full URL of the request. */
const RESET = { kind: 'reset' } as const;

const suite = useRuntimeSuite();
let serviceAccountKey: ServiceAccountKey;

beforeAll(() => {
  seedTestServers(suite.servers);
});

beforeEach(async () => {
  await suite.servers.reset();
});

/** Starts a server and creates the GitHub and Workspace credentials through the admin API. */
async function startWithCredentials(
  slug: string,
  overrides: Partial<ServerConfig> = {},
): Promise<RuntimeServer> {
  const started = await startRuntimeServer(slug, {
    ...overrides,
    runtime: { ...overrides.runtime, ...ONE_ATTEMPT },
  });
  suite.running = started;

  const github = await started.admin.request('POST', '/api/credentials', {
    ...GITHUB,
    data: { token: GITHUB_TOKEN, baseUrl: suite.servers.github.baseUrl },
  });
  expect(github.status).toBe(201);

  serviceAccountKey = suite.servers.google.createServiceAccount();
  const workspace = await started.admin.request('POST', '/api/credentials', {
    ...WORKSPACE,
    data: {
      serviceAccountKey: JSON.stringify({ ...serviceAccountKey, private_key_id: CANARY }),
      subject: WORKSPACE_ADMIN,
      directoryBaseUrl: suite.servers.google.rootUrl,
      sheetsBaseUrl: suite.servers.google.rootUrl,
    },
  });
  expect(workspace.status).toBe(201);
  return started;
}

/** Publishes a flow of one connector step that sends each request once. */
async function publishStep(started: RuntimeServer, slug: string, step: ChainStep) {
  const document = chainFlow(
    `Redaction ${slug}`,
    { endpoint: slug, eventTypes: ['user.created'] },
    [step],
  );
  document.nodes[1]!.retry = ONE_ATTEMPT;
  return publishFlow(started.server, document);
}

/** Provisions a user and returns the detail of the one execution it started. */
async function failedExecution(started: RuntimeServer, userName: string): Promise<JsonBody> {
  await createUser(started, userName);
  await started.server.app.flowRuntime.settled(20_000);

  const list = await started.admin.request('GET', `/api/executions?resource=${userName}`);
  expect(list.body.items).toHaveLength(1);
  expect(list.body.items[0].status).toBe('failed');
  const detail = await started.admin.request('GET', `/api/executions/${list.body.items[0].id}`);
  return detail.body;
}

function stepOf(execution: JsonBody, nodeId: string): JsonBody {
  return execution.steps.find((step: { nodeId: string }) => step.nodeId === nodeId);
}

function requestUrls(step: JsonBody): string[] {
  return step.requests.map((request: { url: string }) => request.url);
}

describe.each([
  { where: 'in process', overrides: {} },
  {
    where: 'in the runtime thread',
    overrides: { runtimeHttpClient: undefined, runtime: { threads: 1 } },
  },
])('GitHub token redaction $where', ({ where, overrides }) => {
  it('shows the base URL but not the token', async () => {
    const slug = where === 'in process' ? 'redact' : 'redactthread';
    const started = await startWithCredentials(slug, overrides);
    await publishStep(started, slug, INVITE_STEP);
    suite.servers.faults.add({
      api: 'github',
      method: 'POST',
      path: '/orgs/acme/invitations',
      action: RESET,
    });

    const execution = await failedExecution(started, `${slug}@example.org`);

    const invitations = `${suite.servers.github.baseUrl}/orgs/acme/invitations`;
    expect(execution.error).toContain(invitations);
    const step = stepOf(execution, 'invite');
    expect(step.error.message).toContain(invitations);
    expect(requestUrls(step)).toContain(invitations);
    expect(JSON.stringify([step.requests, step.error])).not.toContain('[redacted]');
    expect(JSON.stringify(execution)).not.toContain(CANARY);
    expect(started.server.logText()).not.toContain(CANARY);
  });
});

describe('secret redaction', () => {
  it('test run shows the base URL but not the token', async () => {
    const started = await startWithCredentials('redacttest');
    const flowId = await publishStep(started, 'redacttest', INVITE_STEP);
    suite.servers.faults.add({
      api: 'github',
      method: 'POST',
      path: '/orgs/acme/invitations',
      action: RESET,
    });

    const response = await started.admin.request('POST', `/api/flows/${flowId}/test-run`, {
      sampleId: 'asgardeo-user-created',
      dryRun: false,
    });

    expect(response.body.status).toBe('failed');
    const step = stepOf(response.body, 'invite');
    expect(step.error.message).toContain(`${suite.servers.github.baseUrl}/orgs/acme/invitations`);
    expect(JSON.stringify([step.requests, step.error])).not.toContain('[redacted]');
    expect(JSON.stringify(response.body)).not.toContain(GITHUB_TOKEN);
  });

  it('service account run shows URLs but no key', async () => {
    const started = await startWithCredentials('redactgoogle');
    await publishStep(started, 'redactgoogle', WORKSPACE_STEP);
    suite.servers.faults.add({
      api: 'google',
      method: 'POST',
      path: '/admin/directory/v1/users',
      action: RESET,
    });

    const execution = await failedExecution(started, 'redactgoogle@example.org');

    const users = `${suite.servers.google.rootUrl}/admin/directory/v1/users`;
    expect(execution.error).toContain(users);
    const step = stepOf(execution, 'workspace');
    expect(requestUrls(step)).toContain(serviceAccountKey.token_uri);
    expect(requestUrls(step)).toContain(users);
    expect(JSON.stringify([step.requests, step.error])).not.toContain('[redacted]');

    const texts = [JSON.stringify(execution), started.server.logText()];
    const privateKeyLines = serviceAccountKey.private_key
      .split('\n')
      .filter((line) => line.length > 0 && !line.startsWith('-----'));
    for (const text of texts) {
      expect(text).not.toContain(CANARY);
      for (const line of privateKeyLines) expect(text).not.toContain(line);
    }
  });
});
