import { startTestServers, type TestServers } from '@scimflow/testservers';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  publishFlow,
  publishNextVersion,
  startRuntimeServer,
  type RuntimeServer,
} from './support/runtime-server.js';
import { chainFlow } from './support/flow-documents.js';
import { createUser, patchUser, postStep, webhookFlow } from './support/webhook-flow.js';

let servers: TestServers;
let running: RuntimeServer | undefined;

beforeAll(async () => {
  servers = await startTestServers();
});

afterAll(async () => {
  await servers.close();
});

beforeEach(async () => {
  await servers.reset();
});

afterEach(async () => {
  await running?.server.close();
  running?.server.removeData();
  running = undefined;
});

/** Bodies the HTTP target received at `path`, in arrival order. */
function received(path: string): { type: string; userName: string; title: string }[] {
  return servers.requests
    .find({ api: 'http', method: 'POST', path })
    .map((request) => request.body as { type: string; userName: string; title: string });
}

describe('per-resource order', () => {
  it('runs each user’s events in acceptance order', async () => {
    running = await startRuntimeServer('order', { runtime: { workers: 6 } });
    // Uneven response times, so that executions finish out of start order.
    servers.http.setRoute({
      method: 'POST',
      path: '/order',
      responses: Array.from({ length: 60 }, (_, index) => ({
        status: 200,
        delayMs: (index * 37) % 25,
      })),
    });
    await publishFlow(
      running.server,
      webhookFlow(
        'Order',
        'order',
        ['user.created', 'user.updated'],
        [postStep('post', `${servers.http.baseUrl}/order`)],
      ),
    );

    const people = ['a', 'b', 'c', 'd', 'e'].map((letter) => `${letter}.order@example.org`);
    const ids = await Promise.all(people.map((userName) => createUser(running!, userName)));
    await Promise.all(
      ids.map(async (id) => {
        for (let index = 1; index <= 4; index++)
          await patchUser(running!, id, 'title', `t${index}`);
      }),
    );
    await running.server.app.flowRuntime.settled(20_000);

    const bodies = received('/order');
    expect(bodies).toHaveLength(people.length * 5);
    for (const userName of people) {
      const titles = bodies.filter((body) => body.userName === userName).map((body) => body.title);
      expect(titles).toEqual([undefined, 't1', 't2', 't3', 't4']);
    }

    const list = await running.admin.request('GET', '/api/executions?limit=100');
    const spans = (
      list.body.items as { resource: { id: string }; startedAt: string; finishedAt: string }[]
    ).map((item) => ({
      id: item.resource.id,
      start: Date.parse(item.startedAt),
      end: Date.parse(item.finishedAt),
    }));
    const overlapping = spans.some((left) =>
      spans.some(
        (right) => left.id !== right.id && left.start < right.end && right.start < left.end,
      ),
    );
    expect(overlapping).toBe(true);
  });
});

describe('pinned versions', () => {
  it('runs the version published at acceptance', async () => {
    running = await startRuntimeServer('pinned', { runtime: { enabled: false } });
    const flowId = await publishFlow(
      running.server,
      webhookFlow(
        'Pinned',
        'pinned',
        ['user.created'],
        [postStep('post', `${servers.http.baseUrl}/v1`)],
      ),
    );

    await createUser(running, 'early@example.org');
    const version = await publishNextVersion(
      running.server,
      flowId,
      webhookFlow(
        'Pinned',
        'pinned',
        ['user.created'],
        [postStep('post', `${servers.http.baseUrl}/v2`)],
      ),
    );
    expect(version).toBe(2);
    await createUser(running, 'late@example.org');

    // The runtime starts only now, so both events are dispatched after version 2 was published.
    running.server.app.flowRuntime.start();
    await running.server.app.flowRuntime.settled(10_000);

    expect(received('/v1').map((body) => body.userName)).toEqual(['early@example.org']);
    expect(received('/v2').map((body) => body.userName)).toEqual(['late@example.org']);
    const list = await running.admin.request('GET', `/api/executions?flowId=${flowId}`);
    const versions = Object.fromEntries(
      (list.body.items as { resource: { display: string }; version: number }[]).map((item) => [
        item.resource.display,
        item.version,
      ]),
    );
    expect(versions).toEqual({ 'early@example.org': 1, 'late@example.org': 2 });
  });

  it('leaves a disabled flow’s events unrun', async () => {
    running = await startRuntimeServer('disabled');
    const flowId = await publishFlow(
      running.server,
      webhookFlow(
        'Disabled',
        'disabled',
        ['user.created'],
        [postStep('post', `${servers.http.baseUrl}/off`)],
      ),
    );
    await running.server.app.scimflow.db
      .updateTable('flows')
      .set({ enabled: 0 })
      .where('id', '=', flowId)
      .execute();

    await createUser(running, 'nobody@example.org');
    await running.server.app.flowRuntime.settled(10_000);

    expect(received('/off')).toEqual([]);
    const list = await running.admin.request('GET', `/api/executions?flowId=${flowId}`);
    expect(list.body.items).toEqual([]);
  });

  it('records a failing trigger condition as failed', async () => {
    running = await startRuntimeServer('broken');
    const flowId = await publishFlow(
      running.server,
      chainFlow(
        'Broken trigger',
        { endpoint: 'broken', eventTypes: ['user.created'], condition: '$noSuchFunction(user)' },
        [postStep('post', `${servers.http.baseUrl}/never`)],
      ),
    );

    await createUser(running, 'broken@example.org');
    await running.server.app.flowRuntime.settled(10_000);

    const list = await running.admin.request('GET', `/api/executions?flowId=${flowId}`);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].status).toBe('failed');
    expect(list.body.items[0].failedNodeId).toBe('trigger');
    expect(list.body.items[0].error).toContain('noSuchFunction');
    expect(received('/never')).toEqual([]);
  });
});
