import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from './support/admin-client.js';
import { createEndpoint, type TestEndpoint } from './support/endpoint.js';
import { scim } from './support/scim-client.js';
import { ADMIN_PASSWORD, startServer, type TestServer } from './support/test-server.js';

let server: TestServer;
let endpoint: TestEndpoint;

beforeAll(async () => {
  server = await startServer();
  endpoint = await createEndpoint(await signIn(server.baseUrl, ADMIN_PASSWORD), 'legacy');
});

afterAll(async () => {
  await server.close();
  server.removeData();
});

function legacyUser(userName: string, familyName: string) {
  return {
    schemas: ['urn:scim:schemas:core:1.0'],
    userName,
    password: '',
    name: { givenName: 'Ines', familyName },
    emails: [userName],
  };
}

async function findByName(userName: string) {
  const filter = encodeURIComponent(`userName eq "${userName}"`);
  const response = await scim(`${endpoint.usersUrl}?filter=${filter}`, {
    token: endpoint.secrets.bearerToken,
  });
  return response.body.Resources?.[0];
}

describe('legacy scim-choreo route', () => {
  it('PUT of an unknown userName creates the user', async () => {
    const response = await scim(endpoint.legacyUrl, {
      method: 'PUT',
      token: endpoint.secrets.bearerToken,
      headers: { accept: 'text/plain' },
      body: legacyUser('put.only@example.org', 'Ward'),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toMatch(/application\/scim\+json/);
    expect((await findByName('put.only@example.org'))?.name.familyName).toBe('Ward');
  });

  it('DELETE falls back to the name without domain', async () => {
    const token = endpoint.secrets.bearerToken;
    await scim(`${endpoint.legacyUrl}/`, {
      method: 'POST',
      token,
      body: legacyUser('ops/ines@example.org', 'Ward'),
    });
    await scim(`${endpoint.legacyUrl}/`, {
      method: 'POST',
      token,
      body: legacyUser('tomas@example.org', 'Rydell'),
    });

    // "ops/ines" is a userName with a slash, so the name as sent matches first.
    expect(
      (await scim(`${endpoint.legacyUrl}/ops,ines@example.org`, { method: 'DELETE', token }))
        .status,
    ).toBe(204);
    expect(await findByName('ops/ines@example.org')).toBeUndefined();

    // "PRIMARY/tomas" has no exact match, so the user-store domain is dropped.
    expect(
      (await scim(`${endpoint.legacyUrl}/PRIMARY,tomas@example.org`, { method: 'DELETE', token }))
        .status,
    ).toBe(204);
    expect(await findByName('tomas@example.org')).toBeUndefined();

    const missing = await scim(`${endpoint.legacyUrl}/PRIMARY,tomas@example.org`, {
      method: 'DELETE',
      token,
    });
    expect(missing.status).toBe(404);
    expect(missing.body.status).toBe('404');
  });

  it('legacy route needs credentials', async () => {
    const response = await scim(`${endpoint.legacyUrl}/`, {
      method: 'POST',
      body: legacyUser('anon@example.org', 'Anon'),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Basic realm="scimflow"');
    expect(await findByName('anon@example.org')).toBeUndefined();
  });
});
