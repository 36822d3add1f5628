import { describe, expect, it } from 'vitest';
import { signIn } from './support/admin-client.js';
import { userBody } from './support/scim-client.js';
import { ADMIN_PASSWORD, useTestServer } from './support/test-server.js';
import { CORE_GROUP_URN, variantClient, type VariantClient } from './support/scim-variants.js';

const testServer = useTestServer();

/** Creates a user and two groups it is a member of, and a third group without it. */
async function member(): Promise<{
  c: VariantClient;
  userId: string;
  userUrl: string;
  groupIds: string[];
}> {
  const c = await variantClient(testServer(), 'user-groups');
  const userId = await c.createUser(userBody('ines@example.org'));
  const groupIds: string[] = [];
  for (const name of ['Tide Ops', 'Engineers']) {
    groupIds.push(
      await c.createGroup({
        schemas: [CORE_GROUP_URN],
        displayName: name,
        members: [{ value: userId }],
      }),
    );
  }
  await c.createGroup({ schemas: [CORE_GROUP_URN], displayName: 'Sales', members: [] });
  return { c, userId, userUrl: `${c.endpoint.usersUrl}/${userId}`, groupIds };
}

describe('User groups attribute', () => {
  it('lists the direct groups on GET', async () => {
    const { c, userUrl, groupIds } = await member();

    const response = await c.get(userUrl);

    expect(response.status).toBe(200);
    expect(response.body.groups).toEqual([
      {
        value: groupIds[0],
        $ref: `${c.endpoint.groupsUrl}/${groupIds[0]}`,
        display: 'Tide Ops',
        type: 'direct',
      },
      {
        value: groupIds[1],
        $ref: `${c.endpoint.groupsUrl}/${groupIds[1]}`,
        display: 'Engineers',
        type: 'direct',
      },
    ]);
  });

  it('is left out for a user without groups', async () => {
    const c = await variantClient(testServer(), 'user-groups');
    const id = await c.createUser(userBody('tomas@example.org'));

    const response = await c.get(`${c.endpoint.usersUrl}/${id}`);

    expect(response.body.groups).toBeUndefined();
  });

  it('filters users by group', async () => {
    const { c, groupIds } = await member();
    await c.createUser(userBody('ada@example.org'));

    expect(await c.userNamesMatching(`groups.value eq "${groupIds[1]}"`)).toEqual([
      'ines@example.org',
    ]);
    expect(await c.userNamesMatching('groups pr')).toEqual(['ines@example.org']);
    expect(await c.userNamesMatching('not (groups pr)')).toEqual(['ada@example.org']);
  });

  it('appears in lists and leaves with excludedAttributes', async () => {
    const { c } = await member();

    const listed = await c.get(c.endpoint.usersUrl);
    expect(listed.body.Resources[0].groups).toHaveLength(2);

    const excluded = await c.get(`${c.endpoint.usersUrl}?excludedAttributes=groups`);
    expect(excluded.body.Resources[0].groups).toBeUndefined();
  });

  it('ignores groups sent in a PUT body', async () => {
    const { c, userUrl, groupIds } = await member();

    // Okta sends `groups: []` with every PUT; memberships change only through /Groups.
    const response = await c.send('PUT', userUrl, userBody('ines@example.org', { groups: [] }));

    expect(response.status).toBe(200);
    expect(response.body.groups.map((group: { value: string }) => group.value)).toEqual(groupIds);
  });

  it('shows the groups after a PATCH and drops a deleted group', async () => {
    const { c, userUrl, groupIds } = await member();

    const patched = await c.patch(userUrl, { op: 'replace', path: 'title', value: 'Lead' });
    expect(patched.body.groups).toHaveLength(2);

    const deleted = await c.send('DELETE', `${c.endpoint.groupsUrl}/${groupIds[0]}`);
    expect(deleted.status).toBe(204);
    const after = await c.get(userUrl);
    expect(after.body.groups.map((group: { value: string }) => group.value)).toEqual([groupIds[1]]);
  });

  it('reaches flows in user events', async () => {
    const { c, userUrl, userId } = await member();
    await c.patch(userUrl, { op: 'replace', path: 'title', value: 'Lead' });

    const admin = await signIn(testServer().baseUrl, ADMIN_PASSWORD);
    const events = await admin.request('GET', `/api/events?endpoint=${c.endpoint.slug}`);
    const updated = events.body.find(
      (event: { type: string; resourceId: string }) =>
        event.type === 'user.updated' && event.resourceId === userId,
    );
    expect(updated.user.groups.map((group: { display: string }) => group.display)).toEqual([
      'Tide Ops',
      'Engineers',
    ]);
    expect(updated.changes.map((change: { path: string }) => change.path)).toEqual(['title']);
  });
});
