import { ProvisioningEventSchema } from '@scimflow/flow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type AdminClient, type JsonBody } from './support/admin-client.js';
import { createEndpoint, type TestEndpoint } from './support/endpoint.js';
import { scim, userBody } from './support/scim-client.js';
import { ADMIN_PASSWORD, startServer, type TestServer } from './support/test-server.js';

let server: TestServer;
let admin: AdminClient;
let endpoint: TestEndpoint;
let token: string;

beforeAll(async () => {
  server = await startServer();
  admin = await signIn(server.baseUrl, ADMIN_PASSWORD);
  endpoint = await createEndpoint(admin, 'events');
  token = endpoint.secrets.bearerToken;
});

afterAll(async () => {
  await server.close();
  server.removeData();
});

/** Reads the events written after `after`, through the admin API. */
async function eventsAfter(after: number) {
  const response = await admin.request(
    'GET',
    `/api/events?endpoint=${endpoint.slug}&after=${after}&limit=1000`,
  );
  expect(response.status).toBe(200);
  return response.body as JsonBody[];
}

async function lastSequence(): Promise<number> {
  const events = await eventsAfter(0);
  return events.length === 0 ? 0 : events[events.length - 1]!.sequence;
}

function patch(id: string, operations: unknown[], headers: Record<string, string> = {}) {
  return scim(`${endpoint.usersUrl}/${id}`, {
    method: 'PATCH',
    token,
    headers,
    body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: operations },
  });
}

describe('provisioning events', () => {
  it('user lifecycle writes typed events', async () => {
    const start = await lastSequence();
    let committed = 0;
    const unsubscribe = server.app.onEventsCommitted(({ count }) => {
      committed += count;
    });

    const created = await scim(endpoint.usersUrl, {
      method: 'POST',
      token,
      headers: { 'user-agent': 'Okta SCIM Client 1.0.0' },
      body: userBody('events@example.org', { password: 'canary-Password-1' }),
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    expect((await patch(id, [{ op: 'replace', path: 'title', value: 'Engineer' }])).status).toBe(
      200,
    );
    expect((await patch(id, [{ op: 'replace', path: 'active', value: false }])).status).toBe(200);
    expect((await patch(id, [{ op: 'replace', path: 'active', value: true }])).status).toBe(200);
    expect((await scim(`${endpoint.usersUrl}/${id}`, { method: 'DELETE', token })).status).toBe(
      204,
    );
    unsubscribe();

    const events = await eventsAfter(start);
    expect(events.map((e) => e.type)).toEqual([
      'user.created',
      'user.updated',
      'user.deactivated',
      'user.reactivated',
      'user.deleted',
    ]);
    expect(committed).toBe(5);
    expect(events[0]!.dialect).toBe('okta');
    expect(events[1]!.changes).toContainEqual(
      expect.objectContaining({ path: 'title', after: 'Engineer' }),
    );
    for (const event of events) {
      const { sequence: _sequence, ...payload } = event;
      expect(ProvisioningEventSchema.safeParse(payload).success).toBe(true);
      expect(JSON.stringify(event)).not.toContain('canary-Password-1');
    }
  });

  it('change to nothing writes no event', async () => {
    const created = await scim(endpoint.usersUrl, {
      method: 'POST',
      token,
      body: userBody('same@example.org', { title: 'Same' }),
    });
    const start = await lastSequence();

    const response = await patch(created.body.id, [
      { op: 'replace', path: 'title', value: 'Same' },
    ]);
    expect(response.status).toBe(200);
    expect(await eventsAfter(start)).toEqual([]);
  });

  it('failing PATCH writes no event and no change', async () => {
    const created = await scim(endpoint.usersUrl, {
      method: 'POST',
      token,
      body: userBody('atomic@example.org'),
    });
    const start = await lastSequence();

    const response = await patch(created.body.id, [
      { op: 'replace', path: 'title', value: 'Changed' },
      { op: 'explode', path: 'title', value: 'x' },
    ]);
    expect(response.status).toBe(400);
    expect(await eventsAfter(start)).toEqual([]);
    const read = await scim(`${endpoint.usersUrl}/${created.body.id}`, { token });
    expect(read.body.title).toBeUndefined();
  });

  it('group changes write member events', async () => {
    const first = await scim(endpoint.usersUrl, {
      method: 'POST',
      token,
      body: userBody('m1@example.org'),
    });
    const second = await scim(endpoint.usersUrl, {
      method: 'POST',
      token,
      body: userBody('m2@example.org'),
    });
    const start = await lastSequence();

    const group = await scim(endpoint.groupsUrl, {
      method: 'POST',
      token,
      headers: { 'user-agent': 'wso2/scim2/client' },
      body: { displayName: 'Tide Ops', members: [{ value: first.body.id }] },
    });
    expect(group.status).toBe(201);
    const update = await scim(`${endpoint.groupsUrl}/${group.body.id}?aadOptscim062020`, {
      method: 'PATCH',
      token,
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [
          { op: 'add', path: 'members', value: [{ value: second.body.id }] },
          { op: 'remove', path: `members[value eq "${first.body.id}"]` },
          { op: 'replace', path: 'displayName', value: 'Tide Ops Team' },
        ],
      },
    });
    expect(update.status).toBe(200);
    expect(update.body.members).toHaveLength(1);
    expect(
      (await scim(`${endpoint.groupsUrl}/${group.body.id}`, { method: 'DELETE', token })).status,
    ).toBe(204);

    const events = await eventsAfter(start);
    expect(events.map((e) => e.type)).toEqual([
      'group.created',
      'group.member_added',
      'group.updated',
      'group.member_added',
      'group.member_removed',
      'group.deleted',
    ]);
    expect(events[0]!.dialect).toBe('asgardeo-scim2');
    expect(events[2]!.dialect).toBe('entra');
    expect(events[3]!.member.value).toBe(second.body.id);
    expect(events[4]!.member.value).toBe(first.body.id);
  });

  it('re-adding a member writes no event', async () => {
    const user = await scim(endpoint.usersUrl, {
      method: 'POST',
      token,
      body: userBody('readd@example.org'),
    });
    const group = await scim(endpoint.groupsUrl, {
      method: 'POST',
      token,
      body: { displayName: 'Readd', members: [{ value: user.body.id }] },
    });
    const start = await lastSequence();

    const response = await scim(`${endpoint.groupsUrl}/${group.body.id}`, {
      method: 'PATCH',
      token,
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'add', path: 'members', value: [{ value: user.body.id }] }],
      },
    });
    expect(response.status).toBe(200);
    expect(response.body.members).toHaveLength(1);
    expect(await eventsAfter(start)).toEqual([]);
  });

  it('legacy route events carry the scim-choreo dialect', async () => {
    const start = await lastSequence();
    const response = await scim(`${endpoint.legacyUrl}/`, {
      method: 'POST',
      token,
      body: {
        schemas: ['urn:scim:schemas:core:1.0'],
        userName: 'legacy@example.org',
        password: '',
      },
    });
    expect(response.status).toBe(201);
    const events = await eventsAfter(start);
    expect(events.map((e) => [e.type, e.dialect])).toEqual([['user.created', 'scim-choreo']]);
  });
});
