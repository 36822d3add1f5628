import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProvisioningEventSchema } from '@scimflow/flow';
import { signIn, type AdminClient } from '../support/admin-client.js';
import { createEndpoint } from '../support/endpoint.js';
import { scim } from '../support/scim-client.js';
import { ADMIN_PASSWORD, startServer, type TestServer } from '../support/test-server.js';

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

describe('samples API', () => {
  it('built-in samples are valid events', async () => {
    const response = await admin.request('GET', '/api/samples');
    expect(response.status).toBe(200);

    const builtin = response.body.filter(
      (sample: { source: string }) => sample.source === 'builtin',
    );
    expect(builtin.map((sample: { id: string }) => sample.id)).toEqual(
      expect.arrayContaining([
        'asgardeo-user-created',
        'asgardeo-user-deactivated',
        'asgardeo-user-deleted',
        'asgardeo-group-member-added',
        'okta-user-created',
        'entra-user-created',
      ]),
    );
    for (const sample of builtin) {
      const parsed = ProvisioningEventSchema.safeParse(sample.event);
      expect(parsed.success, sample.id).toBe(true);
    }
  });

  it('Asgardeo new hire carries the enterprise extension', async () => {
    const response = await admin.request('GET', '/api/samples');
    const sample = response.body.find(
      (item: { id: string }) => item.id === 'asgardeo-user-created',
    );
    const enterprise =
      sample.event.user['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'];
    expect(enterprise.employeeNumber).toBe('E-1042');
    expect(enterprise.manager.value).toBeTypeOf('string');
  });

  it('recorded events follow the built-in ones', async () => {
    const endpoint = await createEndpoint(admin, 'samples');
    const created = await scim(endpoint.usersUrl, {
      method: 'POST',
      token: endpoint.secrets.bearerToken,
      body: {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'recorded.user@example.com',
        active: true,
      },
    });
    expect(created.status).toBe(201);

    const response = await admin.request('GET', '/api/samples');
    const recorded = response.body.filter(
      (sample: { source: string }) => sample.source === 'recorded',
    );
    expect(recorded).toHaveLength(1);
    expect(recorded[0].id).toBe(recorded[0].event.id);
    expect(recorded[0].event.type).toBe('user.created');
    expect(recorded[0].label).toContain('recorded.user@example.com');
    expect(response.body.at(-1).source).toBe('recorded');
  });
});
