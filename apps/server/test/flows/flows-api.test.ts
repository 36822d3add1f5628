import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type AdminClient } from '../support/admin-client.js';
import { ADMIN_PASSWORD, startServer, type TestServer } from '../support/test-server.js';
import { loggingFlow, triggerlessFlow } from './documents.js';

let server: TestServer;
let admin: AdminClient;

beforeAll(async () => {
  server = await startServer();
  admin = await signIn(server.baseUrl, ADMIN_PASSWORD);
});

afterAll(async () => {
  await server.close();
  server.removeData();
});

async function createFlow(name: string) {
  const response = await admin.request('POST', '/api/flows', { document: loggingFlow(name) });
  expect(response.status).toBe(201);
  return response.body;
}

describe('flows CRUD', () => {
  it('create returns a disabled unpublished flow', async () => {
    const flow = await createFlow('Create check');
    expect(flow.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(flow.name).toBe('Create check');
    expect(flow.enabled).toBe(false);
    expect(flow.publishedVersion).toBeNull();
    expect(flow.hasDraftChanges).toBe(true);
    expect(flow.draft).toEqual(loggingFlow('Create check'));
  });

  it('list shows flows with recent executions', async () => {
    const flow = await createFlow('Listed flow');
    const list = await admin.request('GET', '/api/flows');
    expect(list.status).toBe(200);
    const entry = list.body.find((item: { id: string }) => item.id === flow.id);
    expect(entry).toEqual({
      id: flow.id,
      name: 'Listed flow',
      description: 'Logs each new user',
      enabled: false,
      publishedVersion: null,
      hasDraftChanges: true,
      updatedAt: flow.updatedAt,
      recentExecutions: [],
    });
  });

  it('draft save updates name and document', async () => {
    const flow = await createFlow('Draft before');
    const changed = { ...loggingFlow('Draft after'), description: 'Changed' };
    const saved = await admin.request('PUT', `/api/flows/${flow.id}/draft`, { document: changed });
    expect(saved.status).toBe(200);
    expect(saved.body.name).toBe('Draft after');
    expect(saved.body.draft.description).toBe('Changed');

    const read = await admin.request('GET', `/api/flows/${flow.id}`);
    expect(read.body.draft).toEqual(changed);
  });

  it('rename changes flow and draft name', async () => {
    const flow = await createFlow('Rename me');
    const renamed = await admin.request('PATCH', `/api/flows/${flow.id}`, { name: 'Renamed' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Renamed');
    expect(renamed.body.draft.name).toBe('Renamed');
  });

  it('names are unique ignoring case', async () => {
    await createFlow('Unique Name');
    const clash = await admin.request('POST', '/api/flows', {
      document: loggingFlow('unique name'),
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('flow_name_taken');

    const other = await createFlow('Other name');
    const rename = await admin.request('PATCH', `/api/flows/${other.id}`, { name: 'UNIQUE NAME' });
    expect(rename.status).toBe(409);
    expect(rename.body.error.code).toBe('flow_name_taken');
  });

  it('enable and disable', async () => {
    const flow = await createFlow('Toggle');
    const enabled = await admin.request('PATCH', `/api/flows/${flow.id}`, { enabled: true });
    expect(enabled.body.enabled).toBe(true);
    const disabled = await admin.request('PATCH', `/api/flows/${flow.id}`, { enabled: false });
    expect(disabled.body.enabled).toBe(false);
  });

  it('duplicate copies the draft disabled', async () => {
    const flow = await createFlow('Original');
    await admin.request('PATCH', `/api/flows/${flow.id}`, { enabled: true });

    const first = await admin.request('POST', `/api/flows/${flow.id}/duplicate`);
    expect(first.status).toBe(201);
    expect(first.body.name).toBe('Original (copy)');
    expect(first.body.enabled).toBe(false);
    expect(first.body.draft.nodes).toEqual(flow.draft.nodes);

    const second = await admin.request('POST', `/api/flows/${flow.id}/duplicate`);
    expect(second.body.name).toBe('Original (copy 2)');
  });

  it('delete removes the flow and versions', async () => {
    const flow = await createFlow('Delete me');
    await admin.request('POST', `/api/flows/${flow.id}/publish`, { note: 'v1' });

    const deleted = await admin.request('DELETE', `/api/flows/${flow.id}`);
    expect(deleted.status).toBe(204);
    const read = await admin.request('GET', `/api/flows/${flow.id}`);
    expect(read.status).toBe(404);
    expect(read.body.error.code).toBe('flow_not_found');
    const versions = await admin.request('GET', `/api/flows/${flow.id}/versions`);
    expect(versions.status).toBe(404);
  });

  it.each([
    ['POST', '/api/flows', { document: { name: 'No format' } }, 400, 'invalid_request'],
    ['PATCH', '/api/flows/missing', { enabled: true }, 404, 'flow_not_found'],
    ['PUT', '/api/flows/missing/draft', { document: loggingFlow('x') }, 404, 'flow_not_found'],
    ['POST', '/api/flows/missing/duplicate', undefined, 404, 'flow_not_found'],
  ])('%s %s is rejected', async (method, path, body, status, code) => {
    const response = await admin.request(method, path, body);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
  });

  it('requires the CSRF header', async () => {
    const response = await fetch(`${server.baseUrl}/api/flows`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ document: loggingFlow('No CSRF') }),
    });
    expect(response.status).toBe(403);
  });
});

describe('flow validation', () => {
  it('valid flow has no problems', async () => {
    const response = await admin.request('POST', '/api/flows/validate', {
      document: loggingFlow('Valid'),
    });
    expect(response.status).toBe(200);
    expect(response.body.problems).toEqual([]);
  });

  it('reports located problems', async () => {
    const document = loggingFlow('Bad config');
    document.nodes[1]!.config = { message: '' };
    const response = await admin.request('POST', '/api/flows/validate', { document });
    expect(response.status).toBe(200);
    expect(response.body.problems).toContainEqual(
      expect.objectContaining({ code: 'config_invalid', nodeId: 'log', field: 'config.message' }),
    );
  });

  it('reports schema problems of any document', async () => {
    const response = await admin.request('POST', '/api/flows/validate', {
      document: { formatVersion: 1, name: '' },
    });
    expect(response.status).toBe(200);
    expect(response.body.problems[0].code).toBe('document_invalid');
  });
});

describe('flow versions', () => {
  it('publish increments the version', async () => {
    const flow = await createFlow('Versioned');
    const first = await admin.request('POST', `/api/flows/${flow.id}/publish`, { note: 'first' });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      version: 1,
      note: 'first',
      publishedBy: 'admin',
      publishedAt: expect.any(String),
      unchanged: false,
    });

    const published = await admin.request('GET', `/api/flows/${flow.id}`);
    expect(published.body.publishedVersion).toBe(1);
    expect(published.body.hasDraftChanges).toBe(false);

    const changed = { ...loggingFlow('Versioned'), description: 'second draft' };
    const saved = await admin.request('PUT', `/api/flows/${flow.id}/draft`, { document: changed });
    expect(saved.body.hasDraftChanges).toBe(true);

    const second = await admin.request('POST', `/api/flows/${flow.id}/publish`, { note: 'second' });
    expect(second.body.version).toBe(2);

    const versions = await admin.request('GET', `/api/flows/${flow.id}/versions`);
    expect(versions.body.map((version: { version: number }) => version.version)).toEqual([2, 1]);
    expect(versions.body[0].document).toBeUndefined();
  });

  it('publish of an unchanged draft keeps the version', async () => {
    const flow = await createFlow('Unchanged');
    const first = await admin.request('POST', `/api/flows/${flow.id}/publish`, { note: 'first' });
    expect(first.status).toBe(201);

    const again = await admin.request('POST', `/api/flows/${flow.id}/publish`, { note: 'again' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, unchanged: true });

    const versions = await admin.request('GET', `/api/flows/${flow.id}/versions`);
    expect(versions.body.map((version: { version: number }) => version.version)).toEqual([1]);

    const changed = { ...loggingFlow('Unchanged'), description: 'changed after v1' };
    await admin.request('PUT', `/api/flows/${flow.id}/draft`, { document: changed });
    const second = await admin.request('POST', `/api/flows/${flow.id}/publish`, { note: 'second' });
    expect(second.status).toBe(201);
    expect(second.body.version).toBe(2);
    expect(second.body.unchanged).toBe(false);
  });

  it('publish with errors is refused with problems', async () => {
    const response = await admin.request('POST', '/api/flows', {
      document: triggerlessFlow('No trigger'),
    });
    expect(response.status).toBe(201);

    const publish = await admin.request('POST', `/api/flows/${response.body.id}/publish`, {
      note: 'should fail',
    });
    expect(publish.status).toBe(422);
    expect(publish.body.error.code).toBe('flow_invalid');
    expect(publish.body.error.problems).toContainEqual(
      expect.objectContaining({ code: 'trigger_missing', severity: 'error' }),
    );

    const versions = await admin.request('GET', `/api/flows/${response.body.id}/versions`);
    expect(versions.body).toEqual([]);
  });

  it('get one version includes its document', async () => {
    const flow = await createFlow('Read version');
    await admin.request('POST', `/api/flows/${flow.id}/publish`, { note: 'v1' });

    const version = await admin.request('GET', `/api/flows/${flow.id}/versions/1`);
    expect(version.status).toBe(200);
    expect(version.body.document).toEqual(loggingFlow('Read version'));

    const missing = await admin.request('GET', `/api/flows/${flow.id}/versions/7`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('flow_version_not_found');
  });

  it('restore copies a version into the draft', async () => {
    const flow = await createFlow('Restore');
    await admin.request('POST', `/api/flows/${flow.id}/publish`, { note: 'v1' });
    const edited = { ...loggingFlow('Restore'), description: 'edited after v1' };
    await admin.request('PUT', `/api/flows/${flow.id}/draft`, { document: edited });
    await admin.request('PATCH', `/api/flows/${flow.id}`, { name: 'Restore renamed' });

    const restored = await admin.request('POST', `/api/flows/${flow.id}/versions/1/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.draft.description).toBe('Logs each new user');
    expect(restored.body.name).toBe('Restore renamed');
    expect(restored.body.draft.name).toBe('Restore renamed');
  });
});
