import { describe, expect, it } from 'vitest';
import { loadRuntimeSettings } from '../../src/runtime/settings.js';
import { publishFlow, startRuntimeServer } from './support/runtime-server.js';
import { useRuntimeSuite } from './support/runtime-suite.js';
import { createUser, postStep, webhookFlow } from './support/webhook-flow.js';

const suite = useRuntimeSuite();

describe('SCIMFLOW_HTTP_ALLOWED_HOSTS', () => {
  it('is read from the environment', () => {
    const settings = loadRuntimeSettings({
      SCIMFLOW_HTTP_ALLOWED_HOSTS: 'api.github.com, *.googleapis.com',
    });
    expect(settings.httpAllowedHosts).toBe('api.github.com, *.googleapis.com');
  });

  it('rejects an invalid entry at start', () => {
    expect(() =>
      loadRuntimeSettings({ SCIMFLOW_HTTP_ALLOWED_HOSTS: 'https://api.github.com' }),
    ).toThrow(
      /^SCIMFLOW_HTTP_ALLOWED_HOSTS: Invalid host allowlist entry "https:\/\/api.github.com"/,
    );
  });

  it('fails a step to an unlisted host without retrying', async () => {
    const testServer = new URL(suite.servers.http.baseUrl);
    suite.running = await startRuntimeServer('allowlist', {
      runtime: { httpAllowedHosts: testServer.host },
    });
    const running = suite.running;
    // localhost reaches the same test server, but only 127.0.0.1 is on the allowlist.
    const unlisted = `http://localhost:${testServer.port}/unlisted`;
    await publishFlow(
      running.server,
      webhookFlow(
        'Allowlisted calls',
        'allowlist',
        ['user.created'],
        [
          postStep('listed', `${suite.servers.http.baseUrl}/listed`),
          postStep('unlisted', unlisted),
        ],
      ),
    );

    await createUser(running, 'allowlisted@example.org');
    await running.server.app.flowRuntime.settled(10_000);

    const list = await running.admin.request('GET', '/api/executions?status=failed');
    expect(list.body.items).toHaveLength(1);
    const execution = list.body.items[0];
    expect(execution.failedNodeId).toBe('unlisted');
    expect(execution.attempts).toBe(1);
    expect(execution.error).toContain('localhost');
    expect(execution.error).toContain('SCIMFLOW_HTTP_ALLOWED_HOSTS');

    const count = (path: string) =>
      suite.servers.requests.count({ api: 'http', method: 'POST', path });
    expect(count('/listed')).toBe(1);
    expect(count('/unlisted')).toBe(0);
  });

  it('is shown in settings and warns in validation', async () => {
    const testServer = new URL(suite.servers.http.baseUrl);
    suite.running = await startRuntimeServer('allowlist', {
      runtime: { httpAllowedHosts: testServer.host, threads: 0 },
    });
    const { admin } = suite.running;

    const settings = await admin.request('GET', '/api/settings');
    expect(settings.body).toEqual({ httpAllowedHosts: [testServer.host] });

    const document = webhookFlow(
      'Validated',
      'allowlist',
      ['user.created'],
      [
        postStep('listed', `${suite.servers.http.baseUrl}/listed`),
        postStep('unlisted', `http://localhost:${testServer.port}/unlisted`),
      ],
    );
    const validation = await admin.request('POST', '/api/flows/validate', { document });
    const warnings = validation.body.problems.filter(
      (problem: { code: string }) => problem.code === 'host_not_allowed',
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0].nodeId).toBe('unlisted');
    expect(warnings[0].severity).toBe('warning');
  });

  it('is null in settings when unset', async () => {
    suite.running = await startRuntimeServer('allowlist', { runtime: { threads: 0 } });
    const settings = await suite.running.admin.request('GET', '/api/settings');
    expect(settings.body).toEqual({ httpAllowedHosts: null });
  });

  it('fails a test run to an unlisted host', async () => {
    const testServer = new URL(suite.servers.http.baseUrl);
    suite.running = await startRuntimeServer('allowlist', {
      runtime: { httpAllowedHosts: testServer.host, threads: 0 },
    });
    const running = suite.running;
    const flow = await running.admin.request('POST', '/api/flows', {
      document: webhookFlow(
        'Test run',
        'allowlist',
        ['user.created'],
        [postStep('unlisted', `http://localhost:${testServer.port}/unlisted`)],
      ),
    });
    expect(flow.status).toBe(201);

    const run = await running.admin.request('POST', `/api/flows/${flow.body.id}/test-run`, {
      sampleId: 'asgardeo-user-created',
      dryRun: true,
    });

    expect(run.body.status).toBe('failed');
    expect(run.body.steps[1].error.code).toBe('host_not_allowed');
    expect(run.body.steps[1].error.retryable).toBe(false);
  });
});
