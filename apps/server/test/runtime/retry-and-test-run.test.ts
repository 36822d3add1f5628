import { startTestServers, type TestServers } from '@scimflow/testservers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { publishFlow, startRuntimeServer, type RuntimeServer } from './support/runtime-server.js';
import { createUser, postStep, webhookFlow } from './support/webhook-flow.js';

let servers: TestServers;
let running: RuntimeServer;
let flowId: string;

beforeAll(async () => {
  servers = await startTestServers();
  running = await startRuntimeServer('retry', { runtime: { maxAttempts: 2 } });
  flowId = await publishFlow(
    running.server,
    webhookFlow(
      'Two calls',
      'retry',
      ['user.created'],
      [
        postStep('first', `${servers.http.baseUrl}/first`),
        postStep('second', `${servers.http.baseUrl}/second`, { expectedStatus: '200' }),
      ],
    ),
  );
});

afterAll(async () => {
  await running.server.close();
  running.server.removeData();
  await servers.close();
});

beforeEach(async () => {
  await servers.reset();
});

let userCount = 0;

/** Returns a userName no other test of this file uses. */
function nextUser(): string {
  userCount += 1;
  return `person${userCount}@example.org`;
}

function calls(path: string): number {
  return servers.requests.count({ api: 'http', method: 'POST', path });
}

/** Creates a user while `/second` returns `status`, and returns the failed execution. */
async function failedExecution(status = 422) {
  servers.http.setRoute({ method: 'POST', path: '/second', responses: [{ status }] });
  const userName = nextUser();
  await createUser(running, userName);
  await running.server.app.flowRuntime.settled(10_000);

  const list = await running.admin.request(
    'GET',
    `/api/executions?status=failed&resource=${userName}`,
  );
  expect(list.body.items).toHaveLength(1);
  servers.http.setRoute({ method: 'POST', path: '/second', responses: [{ status: 200 }] });
  return list.body.items[0];
}

describe('execution failures', () => {
  it('fails at once on a rejected request', async () => {
    const failed = await failedExecution(422);

    expect(failed.attempts).toBe(1);
    expect(failed.failedNodeId).toBe('second');
    expect(failed.error).toContain('second');
    expect(calls('/first')).toBe(1);
    const detail = await running.admin.request('GET', `/api/executions/${failed.id}`);
    expect(
      detail.body.steps.map((step: { nodeId: string; status: string }) => [
        step.nodeId,
        step.status,
      ]),
    ).toEqual([
      ['trigger', 'succeeded'],
      ['first', 'succeeded'],
      ['second', 'failed'],
    ]);
  });

  it('fails after its attempts on a 5xx', async () => {
    const failed = await failedExecution(503);

    expect(failed.attempts).toBe(2);
    expect(failed.failedNodeId).toBe('second');
    expect(calls('/first')).toBe(1);
    // The client does not resend a POST after a 5xx, so each execution attempt sends one.
    expect(calls('/second')).toBe(2);
  });

  it('retries from the failed step', async () => {
    const failed = await failedExecution();

    const retried = await running.admin.request('POST', `/api/executions/${failed.id}/retry`, {
      fromFailedStep: true,
    });
    expect(retried.status).toBe(200);
    expect(retried.body.id).toBe(failed.id);
    await running.server.app.flowRuntime.settled(10_000);

    const detail = await running.admin.request('GET', `/api/executions/${failed.id}`);
    expect(detail.body.status).toBe('succeeded');
    expect(calls('/first')).toBe(1);
    expect(calls('/second')).toBe(2);
  });

  it('retries the whole execution as a new one', async () => {
    const failed = await failedExecution();

    const retried = await running.admin.request('POST', `/api/executions/${failed.id}/retry`, {});
    expect(retried.status).toBe(201);
    expect(retried.body.retryOf).toBe(failed.id);
    expect(retried.body.version).toBe(failed.version);
    await running.server.app.flowRuntime.settled(10_000);

    const detail = await running.admin.request('GET', `/api/executions/${retried.body.id}`);
    expect(detail.body.status).toBe('succeeded');
    expect(calls('/first')).toBe(2);
    const original = await running.admin.request('GET', `/api/executions/${failed.id}`);
    expect(original.body.status).toBe('failed');
  });

  it.each([
    { name: 'unknown execution', id: 'no-such-id', status: 404, code: 'execution_not_found' },
  ])('rejects retry of $name', async ({ id, status, code }) => {
    const response = await running.admin.request('POST', `/api/executions/${id}/retry`, {});
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
  });

  it('rejects retry of a succeeded execution', async () => {
    const userName = nextUser();
    await createUser(running, userName);
    await running.server.app.flowRuntime.settled(10_000);
    const list = await running.admin.request(
      'GET',
      `/api/executions?status=succeeded&resource=${userName}`,
    );

    const response = await running.admin.request(
      'POST',
      `/api/executions/${list.body.items[0].id}/retry`,
      {},
    );
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('execution_not_failed');
  });
});

describe('test runs', () => {
  const event = {
    id: 'sample-1',
    type: 'user.created',
    endpoint: 'retry',
    dialect: 'generic',
    acceptedAt: new Date().toISOString(),
    resourceType: 'User',
    resourceId: 'u-test',
    user: { userName: 'sample@example.org', title: 'Tester' },
    before: null,
    after: { userName: 'sample@example.org', title: 'Tester' },
    changes: [],
  };

  it('runs the draft dry without sending', async () => {
    const response = await running.admin.request('POST', `/api/flows/${flowId}/test-run`, {
      event,
      dryRun: true,
    });

    expect(response.status).toBe(200);
    expect(response.body.status).toBe('succeeded');
    expect(response.body.dryRun).toBe(true);
    expect(response.body.test).toBe(true);
    expect(response.body.dialect).toBe('generic');
    expect(response.body.steps.map((step: { nodeId: string }) => step.nodeId)).toEqual([
      'trigger',
      'first',
      'second',
    ]);
    expect(JSON.stringify(response.body.steps[1].output)).toContain('/first');
    expect(calls('/first')).toBe(0);
  });

  it('sends requests when not dry', async () => {
    const response = await running.admin.request('POST', `/api/flows/${flowId}/test-run`, {
      event,
      dryRun: false,
    });

    expect(response.body.status).toBe('succeeded');
    expect(calls('/first')).toBe(1);
    expect(calls('/second')).toBe(1);
  });

  it('stays out of the live list', async () => {
    const run = await running.admin.request('POST', `/api/flows/${flowId}/test-run`, {
      event,
      dryRun: true,
    });

    const live = await running.admin.request('GET', '/api/executions?limit=500');
    const liveIds = live.body.items.map((item: { id: string }) => item.id);
    expect(liveIds).not.toContain(run.body.id);
    const tests = await running.admin.request('GET', '/api/executions?test=true&limit=1');
    expect(tests.body.items.map((item: { id: string }) => item.id)).toEqual([run.body.id]);
    expect(tests.body.items[0].test).toBe(true);
  });

  it('runs a recorded event by sample id', async () => {
    const userName = nextUser();
    await createUser(running, userName);
    await running.server.app.flowRuntime.settled(10_000);
    const events = await running.admin.request('GET', '/api/events?endpoint=retry&limit=1000');
    const recorded = events.body.find(
      (candidate: { user?: { userName?: string } }) => candidate.user?.userName === userName,
    );

    const response = await running.admin.request('POST', `/api/flows/${flowId}/test-run`, {
      sampleId: recorded.id,
      dryRun: true,
    });
    expect(response.body.resource.display).toBe(userName);
  });

  it('runs a built-in sample', async () => {
    const response = await running.admin.request('POST', `/api/flows/${flowId}/test-run`, {
      sampleId: 'asgardeo-user-created',
      dryRun: true,
    });

    expect(response.status).toBe(200);
    expect(response.body.eventType).toBe('user.created');
    expect(response.body.status).toBe('succeeded');
  });

  it.each([
    {
      name: 'unknown flow',
      path: '/api/flows/nope/test-run',
      body: { event },
      status: 404,
      code: 'flow_not_found',
    },
    {
      name: 'missing event',
      path: 'FLOW',
      body: { dryRun: true },
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'unknown sample',
      path: 'FLOW',
      body: { sampleId: 'nope' },
      status: 404,
      code: 'sample_not_found',
    },
  ])('rejects $name', async ({ path, body, status, code }) => {
    const url = path === 'FLOW' ? `/api/flows/${flowId}/test-run` : path;
    const response = await running.admin.request('POST', url, body);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
  });
});
