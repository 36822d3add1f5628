import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServers, type TestServers } from '@scimflow/testservers';
import { resolveCredential } from '../../src/credentials/resolve.js';
import { signIn, type AdminClient } from '../support/admin-client.js';
import { ADMIN_PASSWORD, startServer, type TestServer } from '../support/test-server.js';
import { githubInviteFlow } from '../flows/documents.js';

/** Every response, export, log line and database file is searched for this value. */
const CANARY = 'ghp_CANARYc4n4ry0secret0value0do0not0leak';

let server: TestServer;
let admin: AdminClient;
let apis: TestServers;
const responses: string[] = [];

async function request(method: string, path: string, body?: unknown) {
  const response = await admin.request(method, path, body);
  responses.push(JSON.stringify(response.body ?? null));
  return response;
}

beforeAll(async () => {
  apis = await startTestServers();
  apis.github.createUser({ login: 'owner' });
  apis.github.createToken('owner', CANARY);
  server = await startServer();
  admin = await signIn(server.baseUrl, ADMIN_PASSWORD);
});

afterAll(async () => {
  await server.close();
  server.removeData();
  await apis.close();
});

describe('credentials API', () => {
  let credentialId: string;

  it('create returns the credential without secrets', async () => {
    const created = await request('POST', '/api/credentials', {
      name: 'GitHub acme',
      type: 'github.token',
      data: { token: CANARY, baseUrl: apis.github.baseUrl },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'GitHub acme',
      type: 'github.token',
      fields: { baseUrl: apis.github.baseUrl },
      secretFields: ['token'],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    credentialId = created.body.id;
  });

  it('list shows non-secret fields only', async () => {
    const list = await request('GET', '/api/credentials');
    expect(list.status).toBe(200);
    const entry = list.body.find((item: { id: string }) => item.id === credentialId);
    expect(entry.fields).toEqual({ baseUrl: apis.github.baseUrl });
    expect(entry.secretFields).toEqual(['token']);
  });

  it('test connection reaches the base URL', async () => {
    const result = await request('POST', `/api/credentials/${credentialId}/test`);
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ ok: true, message: 'GitHub accepted the token.' });
  });

  it('update without the secret keeps it', async () => {
    const updated = await request('PUT', `/api/credentials/${credentialId}`, {
      name: 'GitHub Acme Corp',
      data: { baseUrl: apis.github.baseUrl },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.name).toBe('GitHub Acme Corp');
    expect(updated.body.secretFields).toEqual(['token']);

    const resolved = await resolveCredential(
      server.app.scimflow.db,
      server.app.scimflow.secretBox,
      'GitHub Acme Corp',
    );
    expect(resolved.data.token).toBe(CANARY);

    const tested = await request('POST', `/api/credentials/${credentialId}/test`);
    expect(tested.body.ok).toBe(true);
  });

  it('update with a new secret replaces it', async () => {
    const created = await request('POST', '/api/credentials', {
      name: 'Replaced token',
      type: 'github.token',
      data: { token: CANARY, baseUrl: apis.github.baseUrl },
    });
    const updated = await request('PUT', `/api/credentials/${created.body.id}`, {
      data: { token: 'ghp_not_a_known_token', baseUrl: apis.github.baseUrl },
    });
    expect(updated.status).toBe(200);

    const tested = await request('POST', `/api/credentials/${created.body.id}/test`);
    expect(tested.status).toBe(200);
    expect(tested.body.ok).toBe(false);
    expect(tested.body.message).toMatch(/401/);
  });

  it('update clears an omitted optional field', async () => {
    const created = await request('POST', '/api/credentials', {
      name: 'HTTP bearer',
      type: 'http.bearer',
      data: { token: CANARY, testUrl: `${apis.http.baseUrl}/ping` },
    });
    expect(created.body.fields).toEqual({ testUrl: `${apis.http.baseUrl}/ping` });

    const updated = await request('PUT', `/api/credentials/${created.body.id}`, { data: {} });
    expect(updated.body.fields).toEqual({});
    expect(updated.body.secretFields).toEqual(['token']);
  });

  it.each([
    [{ name: 'No token', type: 'github.token', data: {} }, 400, 'invalid_request'],
    [{ name: 'Unknown', type: 'ftp.password', data: {} }, 400, 'invalid_request'],
    [
      { name: 'github acme corp', type: 'github.token', data: { token: 'x' } },
      409,
      'credential_name_taken',
    ],
    [
      {
        name: 'Bad key',
        type: 'github.app',
        data: { appId: 1, installationId: 2, privateKey: CANARY },
      },
      400,
      'invalid_request',
    ],
  ])('create %j is rejected', async (body, status, code) => {
    const response = await request('POST', '/api/credentials', body);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
  });

  it('create rejects an unknown field', async () => {
    const response = await request('POST', '/api/credentials', {
      name: 'Misspelt token',
      type: 'github.token',
      data: { apiToken: CANARY, baseUrl: apis.github.baseUrl },
    });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('credential_field_unknown');
    expect(response.body.error.message).toBe(
      'Unknown field "apiToken" for credential type github.token, which accepts token, baseUrl. Remove it or use the accepted names.',
    );
    expect(response.body.error.problems).toEqual([
      {
        path: 'data.apiToken',
        message: 'Unknown field. Credential type github.token accepts token, baseUrl.',
      },
    ]);
    const list = await request('GET', '/api/credentials');
    expect(list.body.map((item: { name: string }) => item.name)).not.toContain('Misspelt token');
  });

  it('create names every unknown field', async () => {
    const response = await request('POST', '/api/credentials', {
      name: 'Extra fields',
      type: 'http.header',
      data: { name: 'X-API-Key', value: CANARY, header: 'X-Other', region: 'eu' },
    });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('credential_field_unknown');
    expect(response.body.error.message).toContain('Unknown fields "header", "region"');
    expect(response.body.error.message).toContain(
      'http.header, which accepts name, value, testUrl',
    );
    expect(response.body.error.problems.map((problem: { path: string }) => problem.path)).toEqual([
      'data.header',
      'data.region',
    ]);
  });

  it('update rejects an unknown field', async () => {
    const response = await request('PUT', `/api/credentials/${credentialId}`, {
      data: { baseUrl: apis.github.baseUrl, baseURL: 'http://127.0.0.1:9/api/v3' },
    });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('credential_field_unknown');
    expect(response.body.error.message).toContain('"baseURL"');
    expect(response.body.error.message).toContain('github.token, which accepts token, baseUrl');
    const list = await request('GET', '/api/credentials');
    const entry = list.body.find((item: { id: string }) => item.id === credentialId);
    expect(entry.fields).toEqual({ baseUrl: apis.github.baseUrl });
  });

  it('invalid update names the field', async () => {
    const response = await request('PUT', `/api/credentials/${credentialId}`, {
      data: { baseUrl: 'not a url' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.problems[0].path).toBe('data.baseUrl');
  });

  it('export names the credential only', async () => {
    const flow = await request('POST', '/api/flows', {
      document: githubInviteFlow('Invite with canary', 'GitHub Acme Corp'),
    });
    expect(flow.status).toBe(201);

    const response = await fetch(`${server.baseUrl}/api/flows/${flow.body.id}/export`, {
      headers: { cookie: admin.cookie },
    });
    const text = await response.text();
    responses.push(text);
    expect(JSON.parse(text).credentials).toEqual([
      { name: 'GitHub Acme Corp', type: 'github.token' },
    ]);
  });

  it('delete removes the credential', async () => {
    const created = await request('POST', '/api/credentials', {
      name: 'Short lived',
      type: 'http.header',
      data: { name: 'X-API-Key', value: CANARY },
    });
    const deleted = await request('DELETE', `/api/credentials/${created.body.id}`);
    expect(deleted.status).toBe(204);

    const list = await request('GET', '/api/credentials');
    expect(list.body.map((item: { name: string }) => item.name)).not.toContain('Short lived');
    const again = await request('DELETE', `/api/credentials/${created.body.id}`);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('credential_not_found');
  });

  it('malformed body is rejected without logging it', async () => {
    const response = await fetch(`${server.baseUrl}/api/credentials`, {
      method: 'POST',
      headers: {
        cookie: admin.cookie,
        'x-csrf-token': admin.csrfToken,
        'content-type': 'application/json',
      },
      body: `{"name": "Broken", "type": "github.token", "data": {"token": "${CANARY}"`,
    });
    expect(response.status).toBe(400);
    expect(server.logText()).not.toContain(CANARY);
  });

  it('canary secret never leaks', async () => {
    expect(responses.length).toBeGreaterThan(10);
    for (const body of responses) expect(body).not.toContain(CANARY);

    expect(server.logText()).toContain('credential created');
    expect(server.logText()).not.toContain(CANARY);

    const databaseFiles = fs
      .readdirSync(server.dataDir)
      .filter((name) => name.startsWith('scimflow.db'));
    expect(databaseFiles).toContain('scimflow.db');
    for (const name of databaseFiles) {
      const bytes = fs.readFileSync(path.join(server.dataDir, name));
      expect(bytes.includes(Buffer.from(CANARY)), name).toBe(false);
    }
  });
});
