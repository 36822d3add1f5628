import { describe, expect, it } from 'vitest';
import { publishFlow, startRuntimeServer, type RuntimeServer } from './support/runtime-server.js';
import { useRuntimeSuite } from './support/runtime-suite.js';
import { insertRunningTestRun } from './support/test-run-row.js';
import { createUser, patchUser, postStep, webhookFlow } from './support/webhook-flow.js';

const suite = useRuntimeSuite();

/** Starts a server whose flows run in the runtime thread: no in-process HTTP client is set. */
async function startThreadServer(slug: string): Promise<RuntimeServer> {
  return startRuntimeServer(slug, { runtimeHttpClient: undefined, runtime: { threads: 2 } });
}

describe('runtime thread', () => {
  it('runs executions in order per user while the main thread serves SCIM', async () => {
    const running = (suite.running = await startThreadServer('threaded'));
    expect(running.server.app.runtimeThreads?.threads).toHaveLength(2);
    await publishFlow(
      running.server,
      webhookFlow(
        'Threaded',
        'threaded',
        ['user.created', 'user.updated'],
        [postStep('post', `${suite.servers.http.baseUrl}/threaded`)],
      ),
    );

    const people = ['a', 'b', 'c'].map((letter) => `${letter}.thread@example.org`);
    const ids = await Promise.all(people.map((userName) => createUser(running, userName)));
    await Promise.all(ids.map((id) => patchUser(running, id, 'title', 'Engineer')));
    await running.server.app.flowRuntime.settled(20_000);

    const bodies = suite.servers.requests
      .find({ api: 'http', method: 'POST', path: '/threaded' })
      .map((request) => request.body as { type: string; userName: string });
    for (const userName of people) {
      const types = bodies.filter((body) => body.userName === userName).map((body) => body.type);
      expect(types).toEqual(['user.created', 'user.updated']);
    }

    // The thread's log lines reach the server's log (a few milliseconds later, in batches), and
    // its counts reach /metrics.
    expect(running.server.logText()).toContain('"msg":"runtime thread started"');
    await expect
      .poll(() => running.server.logText().match(/"msg":"execution succeeded"/g)?.length)
      .toBe(people.length * 2);
    const metrics = await fetch(`${running.server.baseUrl}/metrics`).then((res) => res.text());
    expect(metrics).toMatch(/scimflow_executions_total\{flow="[^"]+",status="succeeded"\} 6/);
  });

  it('restarts a runtime thread that exited', async () => {
    const running = (suite.running = await startThreadServer('restarting'));
    await publishFlow(
      running.server,
      webhookFlow(
        'Restarting',
        'restarting',
        ['user.created'],
        [postStep('post', `${suite.servers.http.baseUrl}/restarting`)],
      ),
    );
    const started = () =>
      running.server.logText().match(/"msg":"runtime thread started"/g)?.length ?? 0;
    expect(started()).toBe(2);

    // A test run of the main thread is running while the thread dies and comes back.
    await insertRunningTestRun(
      running.server.app.scimflow.db,
      'test-run-in-progress',
      'restarting:User:u1',
    );

    // The thread ends as after a fatal error inside it.
    const [first] = running.server.app.runtimeThreads!.threads;
    await (first as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect.poll(started, { timeout: 10_000 }).toBe(3);
    expect(running.server.logText()).toContain('runtime thread stopped unexpectedly');

    await createUser(running, 'after.restart@example.org');
    await running.server.app.flowRuntime.settled(20_000);
    expect(suite.servers.requests.count({ api: 'http', method: 'POST', path: '/restarting' })).toBe(
      1,
    );
    const testRun = await running.admin.request('GET', '/api/executions/test-run-in-progress');
    expect(testRun.body.status).toBe('running');
  });

  it('stops the thread’s runtime when the server closes', async () => {
    const running = (suite.running = await startThreadServer('stopping'));
    await publishFlow(
      running.server,
      webhookFlow(
        'Stopping',
        'stopping',
        ['user.created'],
        [postStep('post', `${suite.servers.http.baseUrl}/stopping`)],
      ),
    );
    await createUser(running, 'stop.thread@example.org');
    await running.server.app.flowRuntime.settled(20_000);

    await running.server.close();
    // Only a started runtime logs this line, and the main thread's runtime never starts here.
    expect(running.server.logText()).toContain('"msg":"runtime stopped"');
  });
});
