import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type AdminClient } from './support/admin-client.js';
import { createEndpoint, type TestEndpoint } from './support/endpoint.js';
import { scim, userBody } from './support/scim-client.js';
import { ADMIN_PASSWORD, startServer, type TestServer } from './support/test-server.js';

let server: TestServer;
let admin: AdminClient;
let endpoint: TestEndpoint;

beforeAll(async () => {
  server = await startServer();
  admin = await signIn(server.baseUrl, ADMIN_PASSWORD);
  endpoint = await createEndpoint(admin, 'storage');
});

afterAll(async () => {
  await server.close();
  server.removeData();
});

describe('SCIM storage', () => {
  it('concurrent creates of one userName yield one 201', async () => {
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        scim(endpoint.usersUrl, {
          method: 'POST',
          token: endpoint.secrets.bearerToken,
          // The names differ only in case, which SCIM treats as the same userName.
          body: userBody(i % 2 === 0 ? 'race@example.org' : 'RACE@example.org'),
        }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(11);
    const conflict = responses.find((r) => r.status === 409);
    expect(conflict?.body.scimType).toBe('uniqueness');

    const list = await scim(
      `${endpoint.usersUrl}?filter=${encodeURIComponent('userName eq "race@example.org"')}`,
      {
        token: endpoint.secrets.bearerToken,
      },
    );
    expect(list.body.totalResults).toBe(1);
  });

  it('renames into a taken name get 409', async () => {
    const token = endpoint.secrets.bearerToken;
    await scim(endpoint.usersUrl, { method: 'POST', token, body: userBody('taken@example.org') });
    const other = await scim(endpoint.usersUrl, {
      method: 'POST',
      token,
      body: userBody('free@example.org'),
    });
    const rename = await scim(`${endpoint.usersUrl}/${other.body.id}`, {
      method: 'PATCH',
      token,
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'userName', value: 'TAKEN@example.org' }],
      },
    });
    expect(rename.status).toBe(409);
    expect(rename.body.scimType).toBe('uniqueness');
    expect(rename.body.detail).toContain('TAKEN@example.org');

    await scim(endpoint.groupsUrl, { method: 'POST', token, body: { displayName: 'Tide' } });
    const group = await scim(endpoint.groupsUrl, {
      method: 'POST',
      token,
      body: { displayName: 'Ebb' },
    });
    const groupRename = await scim(`${endpoint.groupsUrl}/${group.body.id}`, {
      method: 'PUT',
      token,
      body: { displayName: 'tide' },
    });
    expect(groupRename.status).toBe(409);
    expect(groupRename.body.scimType).toBe('uniqueness');
  });

  it('body over 1 MiB gets 413 in SCIM shape', async () => {
    const response = await scim(endpoint.usersUrl, {
      method: 'POST',
      token: endpoint.secrets.bearerToken,
      body: userBody('big@example.org', { title: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(response.status).toBe(413);
    expect(response.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    expect(response.body.status).toBe('413');
    expect(response.headers.get('content-type')).toMatch(/application\/scim\+json/);
  });

  it('unsupported method gets 405', async () => {
    const response = await scim(endpoint.usersUrl, {
      method: 'DELETE',
      token: endpoint.secrets.bearerToken,
    });
    expect(response.status).toBe(405);
    expect(response.body.status).toBe('405');
    expect(response.headers.get('allow')).toBe('GET, POST');
  });

  it('unknown route under /scim gets SCIM 404', async () => {
    const response = await scim(`${endpoint.baseUrl}/Widgets`, {
      token: endpoint.secrets.bearerToken,
    });
    expect(response.status).toBe(404);
    expect(response.body.status).toBe('404');
  });

  it('unknown endpoint slug gets 404', async () => {
    const response = await scim(`${server.baseUrl}/scim/v2/nope/Users`, {
      token: endpoint.secrets.bearerToken,
    });
    expect(response.status).toBe(404);
  });

  it('group member must be a user of the endpoint', async () => {
    const other = await createEndpoint(admin, 'storage-other');
    const foreign = await scim(other.usersUrl, {
      method: 'POST',
      token: other.secrets.bearerToken,
      body: userBody('foreign@example.org'),
    });
    expect(foreign.status).toBe(201);

    const response = await scim(endpoint.groupsUrl, {
      method: 'POST',
      token: endpoint.secrets.bearerToken,
      body: { displayName: 'Cross', members: [{ value: foreign.body.id }] },
    });
    expect(response.status).toBe(400);
    expect(response.body.scimType).toBe('invalidValue');
  });

  it('deleting a user removes its memberships', async () => {
    const token = endpoint.secrets.bearerToken;
    const user = await scim(endpoint.usersUrl, {
      method: 'POST',
      token,
      body: userBody('member@example.org'),
    });
    const group = await scim(endpoint.groupsUrl, {
      method: 'POST',
      token,
      body: { displayName: 'Members', members: [{ value: user.body.id }] },
    });
    expect(group.body.members).toHaveLength(1);

    expect(
      (await scim(`${endpoint.usersUrl}/${user.body.id}`, { method: 'DELETE', token })).status,
    ).toBe(204);
    const after = await scim(`${endpoint.groupsUrl}/${group.body.id}`, { token });
    expect(after.body.members ?? []).toHaveLength(0);
  });

  it('restart keeps users and credentials', async () => {
    const token = endpoint.secrets.bearerToken;
    const created = await scim(endpoint.usersUrl, {
      method: 'POST',
      token,
      body: userBody('durable@example.org'),
    });
    expect(created.status).toBe(201);
    await server.close();

    server = await startServer({ dataDir: server.dataDir });
    const url = `${server.baseUrl}/scim/v2/${endpoint.slug}/Users/${created.body.id}`;
    const read = await scim(url, { token });
    expect(read.status).toBe(200);
    expect(read.body.userName).toBe('durable@example.org');

    const basic = Buffer.from(
      `${endpoint.secrets.basic.username}:${endpoint.secrets.basic.password}`,
    ).toString('base64');
    expect((await scim(url, { authorization: `Basic ${basic}` })).status).toBe(200);
    const signedIn = await signIn(server.baseUrl, ADMIN_PASSWORD);
    expect((await signedIn.request('GET', `/api/endpoints/${endpoint.slug}`)).status).toBe(200);
    admin = signedIn;
  });

  it('warns that the admin password variable applies on the first start only', async () => {
    await server.close();
    server = await startServer({ dataDir: server.dataDir, adminPassword: 'another-password-77' });

    expect(server.logText()).toContain('SCIMFLOW_ADMIN_PASSWORD is set, but the admin account');
    await expect(signIn(server.baseUrl, 'another-password-77')).rejects.toThrow();
    admin = await signIn(server.baseUrl, ADMIN_PASSWORD);
  });
});
