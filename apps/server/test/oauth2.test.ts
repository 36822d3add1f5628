import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type AdminClient } from './support/admin-client.js';
import { createEndpoint, type TestEndpoint } from './support/endpoint.js';
import { scim } from './support/scim-client.js';
import { ADMIN_PASSWORD, startServer, type TestServer } from './support/test-server.js';

let server: TestServer;
let admin: AdminClient;
let endpoint: TestEndpoint;
let other: TestEndpoint;

beforeAll(async () => {
  server = await startServer({ oauthTokenTtlSeconds: 2 });
  admin = await signIn(server.baseUrl, ADMIN_PASSWORD);
  endpoint = await createEndpoint(admin, 'oauth');
  other = await createEndpoint(admin, 'oauth-other');
});

afterAll(async () => {
  await server.close();
  server.removeData();
});

async function requestToken(body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.baseUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

function form(values: Record<string, string>): string {
  return new URLSearchParams(values).toString();
}

describe('OAuth2 client credentials', () => {
  it('form body issues a bearer token', async () => {
    const { clientId, clientSecret } = endpoint.secrets.oauth2;
    const token = await requestToken(
      form({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    );
    expect(token.status).toBe(200);
    expect(token.body.token_type).toBe('Bearer');
    expect(token.body.expires_in).toBe(2);
    expect(token.headers.get('cache-control')).toBe('no-store');

    const users = await scim(endpoint.usersUrl, { token: String(token.body.access_token) });
    expect(users.status).toBe(200);
  });

  it('Basic client auth and JSON body work', async () => {
    const { clientId, clientSecret } = endpoint.secrets.oauth2;
    const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
    const viaBasic = await requestToken(form({ grant_type: 'client_credentials' }), {
      authorization: `Basic ${basic}`,
    });
    expect(viaBasic.status).toBe(200);

    const viaJson = await fetch(`${server.baseUrl}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      }),
    });
    expect(viaJson.status).toBe(200);
  });

  it.each([
    [
      'wrong secret',
      { grant_type: 'client_credentials', client_id: 'x', client_secret: 'y' },
      401,
      'invalid_client',
    ],
    ['missing client', { grant_type: 'client_credentials' }, 401, 'invalid_client'],
    [
      'password grant',
      { grant_type: 'password', username: 'a', password: 'b' },
      400,
      'unsupported_grant_type',
    ],
    ['missing grant type', { client_id: 'x' }, 400, 'invalid_request'],
  ])('%s is rejected', async (_label, values, status, error) => {
    const response = await requestToken(form(values));
    expect(response.status).toBe(status);
    expect(response.body.error).toBe(error);
  });

  it('token for another endpoint gets 401', async () => {
    const { clientId, clientSecret } = other.secrets.oauth2;
    const token = await requestToken(
      form({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    );
    const response = await scim(endpoint.usersUrl, { token: String(token.body.access_token) });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer realm="scimflow"');
  });

  it('rotated client secret revokes old tokens', async () => {
    const fresh = await createEndpoint(admin, 'oauth-rotate');
    const { clientId, clientSecret } = fresh.secrets.oauth2;
    const token = await requestToken(
      form({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    );
    expect((await scim(fresh.usersUrl, { token: String(token.body.access_token) })).status).toBe(
      200,
    );

    const rotated = await admin.request(
      'POST',
      `/api/endpoints/${fresh.slug}/credentials/oauth2/rotate`,
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body.secrets.oauth2.clientId).toBe(clientId);
    expect((await scim(fresh.usersUrl, { token: String(token.body.access_token) })).status).toBe(
      401,
    );
  });

  it('expired token gets 401', async () => {
    const { clientId, clientSecret } = endpoint.secrets.oauth2;
    const token = await requestToken(
      form({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    );
    await new Promise((resolve) => setTimeout(resolve, 3100));
    const response = await scim(endpoint.usersUrl, { token: String(token.body.access_token) });
    expect(response.status).toBe(401);
    expect(response.body.status).toBe('401');
  });
});
