import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type AdminClient } from '../support/admin-client.js';
import { ADMIN_PASSWORD, startServer, type TestServer } from '../support/test-server.js';
import { githubInviteFlow, loggingFlow } from './documents.js';

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

async function exportFlow(id: string) {
  const response = await fetch(`${server.baseUrl}/api/flows/${id}/export`, {
    headers: { cookie: admin.cookie },
  });
  return { response, document: JSON.parse(await response.text()) };
}

describe('flow export', () => {
  it('downloads the draft as a file', async () => {
    const flow = await admin.request('POST', '/api/flows', {
      document: loggingFlow('Export: New Hires!'),
    });
    const { response, document } = await exportFlow(flow.body.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="export-new-hires.scimflow.json"',
    );
    expect(document).toEqual(loggingFlow('Export: New Hires!'));
  });

  it('unknown flow gets 404', async () => {
    const { response, document } = await exportFlow('missing');
    expect(response.status).toBe(404);
    expect(document.error.code).toBe('flow_not_found');
  });
});

describe('flow import', () => {
  it('round trip keeps the document', async () => {
    const original = await admin.request('POST', '/api/flows', {
      document: githubInviteFlow('Round trip', 'GitHub acme'),
    });
    const exported = await exportFlow(original.body.id);

    const imported = await admin.request('POST', '/api/flows/import', {
      document: exported.document,
      name: 'Round trip imported',
    });
    expect(imported.status).toBe(201);
    expect(imported.body.enabled).toBe(false);
    expect(imported.body.publishedVersion).toBeNull();

    const again = await exportFlow(imported.body.id);
    expect(again.document).toEqual({ ...exported.document, name: 'Round trip imported' });
  });

  it('name clash is 409 until renamed', async () => {
    await admin.request('POST', '/api/flows', { document: loggingFlow('Clash') });

    const clash = await admin.request('POST', '/api/flows/import', {
      document: loggingFlow('CLASH'),
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('flow_name_taken');

    const renamed = await admin.request('POST', '/api/flows/import', {
      document: loggingFlow('CLASH'),
      name: 'Clash 2',
    });
    expect(renamed.status).toBe(201);
    expect(renamed.body.name).toBe('Clash 2');
    expect(renamed.body.draft.name).toBe('Clash 2');
  });

  it('migrates a format 0 document', async () => {
    const legacy = {
      version: 0,
      name: 'Prototype flow',
      nodes: [
        {
          id: 'trigger',
          type: 'scim.trigger',
          position: { x: 0, y: 0 },
          data: { config: { endpoint: '*', eventTypes: ['user.created'] } },
        },
      ],
      edges: [],
    };
    const imported = await admin.request('POST', '/api/flows/import', { document: legacy });
    expect(imported.status).toBe(201);
    expect(imported.body.draft.formatVersion).toBe(1);
    expect(imported.body.draft.nodes[0].config.eventTypes).toEqual(['user.created']);
  });

  it.each([
    ['not an object', 'just text', 'document_invalid'],
    [
      'future format',
      { ...loggingFlow('Future'), formatVersion: 99 },
      'format_version_unsupported',
    ],
    [
      'unknown node type',
      {
        ...loggingFlow('Unknown node'),
        nodes: [
          ...loggingFlow('x').nodes,
          { id: 'n', type: 'ftp.upload', position: { x: 0, y: 0 } },
        ],
      },
      'node_type_unknown',
    ],
    [
      'undeclared credential',
      { ...githubInviteFlow('Undeclared', 'Missing credential'), credentials: [] },
      'credential_not_found',
    ],
  ])('%s saves nothing', async (_case, document, code) => {
    const before = await admin.request('GET', '/api/flows');

    const response = await admin.request('POST', '/api/flows/import', { document });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('flow_document_invalid');
    expect(response.body.error.problems.map((problem: { code: string }) => problem.code)).toContain(
      code,
    );

    const after = await admin.request('GET', '/api/flows');
    expect(after.body).toHaveLength(before.body.length);
  });
});
