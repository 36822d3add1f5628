import { describe, expect, it } from 'vitest';
import { publishFlow, startRuntimeServer } from '../runtime/support/runtime-server.js';
import { useRuntimeSuite } from '../runtime/support/runtime-suite.js';
import { createUser, postStep, webhookFlow } from '../runtime/support/webhook-flow.js';

const suite = useRuntimeSuite();

// The in-process runtime resolves credentials on the main thread's connection, the runtime
// thread on its own; both must see the rename history.
describe.each([
  { where: 'in process', overrides: {} },
  {
    where: 'in the runtime thread',
    overrides: { runtimeHttpClient: undefined, runtime: { threads: 1 } },
  },
])('renamed credential $where', ({ where, overrides }) => {
  it('keeps a published flow running', async () => {
    const slug = where === 'in process' ? 'renamed' : 'renamedthread';
    const running = (suite.running = await startRuntimeServer(slug, overrides));
    const { admin } = running;
    const token = `token-${slug}`;
    const created = await admin.request('POST', '/api/credentials', {
      name: 'Hook token',
      type: 'http.bearer',
      data: { token },
    });
    expect(created.status).toBe(201);

    const path = `/${slug}`;
    const step = postStep('post', `${suite.servers.http.baseUrl}${path}`);
    const flowId = await publishFlow(
      running.server,
      webhookFlow(
        'Renamed hook',
        slug,
        ['user.created'],
        [{ ...step, credential: { name: 'Hook token', type: 'http.bearer' } }],
      ),
    );

    const renamed = await admin.request('PUT', `/api/credentials/${created.body.id}`, {
      name: 'Webhook bearer',
    });
    expect(renamed.status).toBe(200);

    // The draft follows the rename; version 1 keeps the old name and still runs.
    const flow = await admin.request('GET', `/api/flows/${flowId}`);
    expect(flow.body.draft.nodes[1].credential).toBe('Webhook bearer');
    const version = await admin.request('GET', `/api/flows/${flowId}/versions/1`);
    expect(version.body.document.nodes[1].credential).toBe('Hook token');

    const userName = `${slug}@example.org`;
    await createUser(running, userName);
    await running.server.app.flowRuntime.settled(20_000);

    const list = await admin.request('GET', `/api/executions?resource=${userName}`);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].status).toBe('succeeded');
    const received = suite.servers.requests.find({ api: 'http', method: 'POST', path });
    expect(received).toHaveLength(1);
    expect(received[0]!.headers.authorization).toBe(`Bearer ${token}`);
  });
});
