import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type AdminClient } from './support/admin-client.js';
import { createEndpoint } from './support/endpoint.js';
import { scim } from './support/scim-client.js';
import { ADMIN_PASSWORD, startServer, type TestServer } from './support/test-server.js';

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

describe('endpoint admin API', () => {
  it('first start creates the default endpoint', async () => {
    const list = await admin.request('GET', '/api/endpoints');
    expect(list.status).toBe(200);
    expect(list.body.map((e: { slug: string }) => e.slug)).toContain('default');
  });

  it('endpoint view has URLs and no secrets', async () => {
    const endpoint = await createEndpoint(admin, 'viewed');
    const view = await admin.request('GET', '/api/endpoints/viewed');
    expect(view.status).toBe(200);
    expect(view.body.usersUrl).toBe(`${server.baseUrl}/scim/v2/viewed/Users`);
    expect(view.body.groupsUrl).toBe(`${server.baseUrl}/scim/v2/viewed/Groups`);
    expect(view.body.legacyUrl).toBe(`${server.baseUrl}/scim-choreo/viewed`);
    expect(view.body.tokenUrl).toBe(`${server.baseUrl}/oauth2/token`);
    expect(view.body.auth.apiKey).toEqual({ header: 'X-API-Key', configured: true });
    expect(view.body.counts).toEqual({ users: 0, groups: 0 });
    const text = JSON.stringify(view.body);
    expect(text).not.toContain(endpoint.secrets.bearerToken);
    expect(text).not.toContain(endpoint.secrets.basic.password);
    expect(text).not.toContain(endpoint.secrets.apiKey);
    expect(text).not.toContain(endpoint.secrets.oauth2.clientSecret);
  });

  it.each([
    [{ slug: 'Bad Slug', name: 'x' }, 400, 'invalid_request'],
    [{ slug: 'ok-slug' }, 400, 'invalid_request'],
    [{ slug: 'default', name: 'again' }, 409, 'endpoint_slug_taken'],
  ])('create %j is rejected', async (body, status, code) => {
    const response = await admin.request('POST', '/api/endpoints', body);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
  });

  it('unknown endpoint gets 404', async () => {
    const response = await admin.request('GET', '/api/endpoints/missing');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('endpoint_not_found');
  });

  it('renamed API key header authenticates', async () => {
    const endpoint = await createEndpoint(admin, 'header');
    const updated = await admin.request('PATCH', '/api/endpoints/header', {
      name: 'Header',
      apiKeyHeader: 'X-Scim-Key',
    });
    expect(updated.status).toBe(200);
    expect(updated.body.auth.apiKey.header).toBe('X-Scim-Key');

    expect(
      (await scim(endpoint.usersUrl, { headers: { 'x-scim-key': endpoint.secrets.apiKey } }))
        .status,
    ).toBe(200);
    expect(
      (await scim(endpoint.usersUrl, { headers: { 'x-api-key': endpoint.secrets.apiKey } })).status,
    ).toBe(401);
  });

  it.each(['bearer', 'basic', 'apiKey'] as const)(
    'rotating %s replaces the secret',
    async (kind) => {
      const slug = `rotate-${kind.toLowerCase()}`;
      const endpoint = await createEndpoint(admin, slug);
      const rotated = await admin.request(
        'POST',
        `/api/endpoints/${slug}/credentials/${kind}/rotate`,
      );
      expect(rotated.status).toBe(200);

      const basicHeader = (username: string, password: string) =>
        `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
      const authorization = {
        bearer: (s: typeof endpoint.secrets) => `Bearer ${s.bearerToken}`,
        basic: (s: typeof endpoint.secrets) => basicHeader(s.basic.username, s.basic.password),
        apiKey: (s: typeof endpoint.secrets) => s.apiKey,
      }[kind];
      expect(
        (await scim(endpoint.usersUrl, { authorization: authorization(endpoint.secrets) })).status,
      ).toBe(401);
      expect(
        (
          await scim(endpoint.usersUrl, {
            authorization: authorization({ ...endpoint.secrets, ...rotated.body.secrets }),
          })
        ).status,
      ).toBe(200);
    },
  );

  it('unknown credential kind gets 400', async () => {
    const response = await admin.request('POST', '/api/endpoints/default/credentials/magic/rotate');
    expect(response.status).toBe(400);
  });

  it('deleted endpoint stops serving SCIM', async () => {
    const endpoint = await createEndpoint(admin, 'doomed');
    expect((await scim(endpoint.usersUrl, { token: endpoint.secrets.bearerToken })).status).toBe(
      200,
    );
    expect((await admin.request('DELETE', '/api/endpoints/doomed')).status).toBe(204);
    expect((await scim(endpoint.usersUrl, { token: endpoint.secrets.bearerToken })).status).toBe(
      404,
    );
    expect((await admin.request('GET', '/api/endpoints/doomed')).status).toBe(404);
  });
});
