import { startTestServers, type TestServers } from '@scimflow/testservers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { chainFlow } from './support/flow-documents.js';
import { publishFlow, startRuntimeServer, type RuntimeServer } from './support/runtime-server.js';
import { insertRunningTestRun } from './support/test-run-row.js';
import { createUser, postStep, webhookFlow } from './support/webhook-flow.js';

let servers: TestServers;

beforeAll(async () => {
  servers = await startTestServers();
});

afterAll(async () => {
  await servers.close();
});

describe('execution list filters', () => {
  let running: RuntimeServer;
  let okFlow: string;
  let failingFlow: string;
  let graceId: string;
  const startedAt = new Date().toISOString();

  beforeAll(async () => {
    running = await startRuntimeServer('lists');
    servers.http.setRoute({ method: 'POST', path: '/bad', responses: [{ status: 422 }] });
    okFlow = await publishFlow(
      running.server,
      webhookFlow(
        'Always',
        'lists',
        ['user.created'],
        [postStep('post', `${servers.http.baseUrl}/ok`)],
      ),
    );
    failingFlow = await publishFlow(
      running.server,
      chainFlow(
        'Failing',
        { endpoint: 'lists', eventTypes: ['user.created'], condition: 'user.title = "fail"' },
        [postStep('post', `${servers.http.baseUrl}/bad`)],
      ),
    );

    await createUser(running, 'ada.lovelace@example.org');
    graceId = await createUser(running, 'grace.hopper@example.org', { title: 'fail' });
    await running.server.app.flowRuntime.settled(10_000);
  });

  afterAll(async () => {
    await running.server.close();
    running.server.removeData();
  });

  const cases: { name: string; query: () => string; displays: string[] }[] = [
    { name: 'everything', query: () => '', displays: ['ada', 'grace', 'grace'] },
    { name: 'userName part', query: () => 'resource=lovelace', displays: ['ada'] },
    { name: 'userName in other case', query: () => 'resource=GRACE', displays: ['grace', 'grace'] },
    { name: 'resource id', query: () => `resource=${graceId}`, displays: ['grace', 'grace'] },
    { name: 'status', query: () => 'status=failed', displays: ['grace'] },
    { name: 'flow', query: () => `flowId=${okFlow}`, displays: ['ada', 'grace'] },
    {
      name: 'flow and status',
      query: () => `flowId=${failingFlow}&status=succeeded`,
      displays: [],
    },
    {
      name: 'since now on',
      query: () => `since=${startedAt}`,
      displays: ['ada', 'grace', 'grace'],
    },
    { name: 'until the start', query: () => `until=${startedAt}`, displays: [] },
    { name: 'LIKE wildcard taken literally', query: () => 'resource=%25', displays: [] },
  ];

  it.each(cases)('filters by $name', async ({ query, displays }) => {
    const response = await running.admin.request('GET', `/api/executions?${query()}`);

    expect(response.status).toBe(200);
    const names = response.body.items.map(
      (item: { resource: { display: string } }) => item.resource.display.split('.')[0],
    );
    expect(names.sort()).toEqual(displays);
  });

  it('names the accepting endpoint', async () => {
    const response = await running.admin.request('GET', '/api/executions');

    const endpoints = response.body.items.map((item: { endpoint: string }) => item.endpoint);
    expect(endpoints.length).toBeGreaterThan(0);
    expect(new Set(endpoints)).toEqual(new Set(['lists']));
  });

  it('pages newest first with nextBefore', async () => {
    const first = await running.admin.request('GET', '/api/executions?limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextBefore).toBeTypeOf('number');

    const second = await running.admin.request(
      'GET',
      `/api/executions?limit=2&before=${first.body.nextBefore}`,
    );
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextBefore).toBeUndefined();
    const queued = [...first.body.items, ...second.body.items].map(
      (item: { queuedAt: string }) => item.queuedAt,
    );
    expect([...queued].sort().reverse()).toEqual(queued);
  });

  it.each([
    { name: 'status', query: 'status=done' },
    { name: 'since', query: 'since=yesterday' },
    { name: 'limit', query: 'limit=0' },
  ])('rejects an invalid $name', async ({ query }) => {
    const response = await running.admin.request('GET', `/api/executions?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_request');
  });

  it('returns 404 for an unknown execution', async () => {
    const response = await running.admin.request('GET', '/api/executions/nope');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('execution_not_found');
  });
});

describe('retention', () => {
  it('prunes the oldest finished executions and their events', async () => {
    const running = await startRuntimeServer('retention', {
      runtime: { executionRetention: 3, eventRetention: 2 },
    });
    try {
      await publishFlow(
        running.server,
        webhookFlow(
          'Kept',
          'retention',
          ['user.created'],
          [postStep('post', `${servers.http.baseUrl}/kept`)],
        ),
      );
      for (let index = 1; index <= 6; index++)
        await createUser(running, `kept${index}@example.org`);
      await running.server.app.flowRuntime.settled(10_000);

      await running.server.app.flowRuntime.prune();

      const { db } = running.server.app.scimflow;
      const executions = await db
        .selectFrom('executions')
        .select(['id', 'event_id', 'resource_display'])
        .execute();
      expect(executions.map((row) => row.resource_display).sort()).toEqual([
        'kept4@example.org',
        'kept5@example.org',
        'kept6@example.org',
      ]);
      const stepOwners = await db
        .selectFrom('execution_steps')
        .select('execution_id')
        .distinct()
        .execute();
      expect(stepOwners.map((row) => row.execution_id).sort()).toEqual(
        executions.map((row) => row.id).sort(),
      );
      const events = await db.selectFrom('events').select('id').execute();
      expect(events.map((row) => row.id).sort()).toEqual(
        executions.map((row) => row.event_id).sort(),
      );
    } finally {
      await running.server.close();
      running.server.removeData();
    }
  });
});

describe('graceful stop', () => {
  it('finishes a running execution before closing', async () => {
    const running = await startRuntimeServer('stop');
    try {
      servers.http.setRoute({
        method: 'POST',
        path: '/slow',
        responses: [{ status: 200, delayMs: 400 }],
      });
      await publishFlow(
        running.server,
        webhookFlow(
          'Slow',
          'stop',
          ['user.created'],
          [postStep('post', `${servers.http.baseUrl}/slow`)],
        ),
      );
      await createUser(running, 'slow@example.org');
      for (let tries = 0; tries < 100; tries++) {
        const list = await running.admin.request('GET', '/api/executions?status=running');
        if (list.body.items.length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }

      await running.server.close();

      const reopened = await openDatabase(running.server.dataDir);
      const rows = await reopened.db.selectFrom('executions').select('status').execute();
      await reopened.close();
      expect(rows).toEqual([{ status: 'succeeded' }]);
    } finally {
      running.server.removeData();
    }
  });

  it('fails a test run cut off by a stop', async () => {
    const running = await startRuntimeServer('interrupted', { runtime: { enabled: false } });
    try {
      await insertRunningTestRun(running.server.app.scimflow.db, 'cut-off', 'interrupted:User:u1');

      running.server.app.flowRuntime.start();
      await running.server.app.flowRuntime.settled(5_000);
      await new Promise((resolve) => setTimeout(resolve, 50));

      const detail = await running.admin.request('GET', '/api/executions/cut-off');
      expect(detail.body.status).toBe('failed');
      expect(detail.body.error).toContain('stopped during this test run');
    } finally {
      await running.server.close();
      running.server.removeData();
    }
  });
});
