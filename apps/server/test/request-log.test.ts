import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type AdminClient } from './support/admin-client.js';
import { createEndpoint, type TestEndpoint } from './support/endpoint.js';
import { scim, userBody } from './support/scim-client.js';
import { startServer, type TestServer } from './support/test-server.js';

const CANARY_ADMIN_PASSWORD = 'canary-admin-Secret-7f3e';
const CANARY_USER_PASSWORD = 'canary-user-Password-91ab';

let server: TestServer;
let admin: AdminClient;
let endpoint: TestEndpoint;

beforeAll(async () => {
  server = await startServer({
    adminPassword: CANARY_ADMIN_PASSWORD,
    requestLogLimit: 5,
    logLevel: 'debug',
  });
  admin = await signIn(server.baseUrl, CANARY_ADMIN_PASSWORD);
  endpoint = await createEndpoint(admin, 'logged');
});

afterAll(async () => {
  await server.close();
  server.removeData();
});

describe('request log', () => {
  it('stores requests with secrets redacted', async () => {
    const created = await scim(`${endpoint.usersUrl}?access_token=canary-query-token`, {
      method: 'POST',
      token: endpoint.secrets.bearerToken,
      headers: { 'user-agent': 'wso2/scim2/client' },
      body: userBody('logged@example.org', { password: CANARY_USER_PASSWORD }),
    });
    expect(created.status).toBe(201);

    const log = await admin.request('GET', `/api/endpoints/${endpoint.slug}/requests?limit=10`);
    expect(log.status).toBe(200);
    const entry = log.body[0];
    expect(entry.method).toBe('POST');
    expect(entry.status).toBe(201);
    expect(entry.dialect).toBe('asgardeo-scim2');
    expect(entry.userAgent).toBe('wso2/scim2/client');
    expect(entry.requestBody).toContain('logged@example.org');
    expect(entry.requestBody).toContain('[redacted]');
    expect(JSON.stringify(log.body)).not.toContain(CANARY_USER_PASSWORD);
    expect(JSON.stringify(log.body)).not.toContain('canary-query-token');
    expect(JSON.stringify(log.body)).not.toContain(endpoint.secrets.bearerToken);
  });

  it('keeps only the newest entries per endpoint', async () => {
    for (let i = 0; i < 8; i++) {
      await scim(`${endpoint.usersUrl}?count=${i}`, { token: endpoint.secrets.bearerToken });
    }
    const log = await admin.request('GET', `/api/endpoints/${endpoint.slug}/requests?limit=100`);
    expect(log.body).toHaveLength(5);
    expect(log.body[0].query).toBe('count=7');
  });

  it('server log contains no secret', async () => {
    const basic = Buffer.from(
      `${endpoint.secrets.basic.username}:${endpoint.secrets.basic.password}`,
    ).toString('base64');
    await scim(endpoint.usersUrl, { authorization: `Basic ${basic}` });
    await scim(endpoint.usersUrl, { authorization: endpoint.secrets.apiKey });
    await fetch(`${server.baseUrl}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: endpoint.secrets.oauth2.clientId,
        client_secret: endpoint.secrets.oauth2.clientSecret,
      }).toString(),
    });
    await server.app.scimflow.requestLog.flush();

    const text = server.logText();
    expect(text).toContain('"msg":"ScimFlow is ready"');
    for (const secret of [
      CANARY_ADMIN_PASSWORD,
      CANARY_USER_PASSWORD,
      endpoint.secrets.bearerToken,
      endpoint.secrets.basic.password,
      basic,
      endpoint.secrets.apiKey,
      endpoint.secrets.oauth2.clientSecret,
      admin.csrfToken,
      'canary-query-token',
      admin.cookie.split('=')[1] ?? 'missing-cookie',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
