import { describe, expect, it } from 'vitest';
import { userBody } from './support/scim-client.js';
import { useTestServer } from './support/test-server.js';
import {
  CORE_GROUP_URN,
  expectScimError,
  variantClient,
  type VariantClient,
} from './support/scim-variants.js';

const testServer = useTestServer();

/** Creates an endpoint with three users and returns their ids. */
async function withUsers(): Promise<{ c: VariantClient; ids: string[] }> {
  const c = await variantClient(testServer(), 'groups');
  const ids: string[] = [];
  for (const name of ['ines', 'tomas', 'ada'])
    ids.push(await c.createUser(userBody(`${name}@example.org`)));
  return { c, ids };
}

function memberValues(group: { members?: { value: string }[] }): string[] {
  return (group.members ?? []).map((member) => member.value).sort();
}

describe('group membership variants', () => {
  it('add members to a group created without members', async () => {
    const { c, ids } = await withUsers();
    const groupId = await c.createGroup({ schemas: [CORE_GROUP_URN], displayName: 'Tide Ops' });
    const url = `${c.endpoint.groupsUrl}/${groupId}`;

    const response = await c.patch(url, {
      op: 'add',
      path: 'members',
      value: [{ value: ids[0], display: 'ines@example.org' }, { value: ids[1] }],
    });
    expect(response.status, response.text).toBe(200);
    expect(memberValues((await c.get(url)).body)).toEqual([ids[0], ids[1]].sort());
  });

  it('path-less add of members', async () => {
    const { c, ids } = await withUsers();
    const groupId = await c.createGroup({ displayName: 'Tide Ops', members: [{ value: ids[0] }] });
    const url = `${c.endpoint.groupsUrl}/${groupId}`;

    const response = await c.patch(url, { op: 'Add', value: { members: [{ value: ids[2] }] } });
    expect([200, 204]).toContain(response.status);
    expect(memberValues((await c.get(url)).body)).toEqual([ids[0], ids[2]].sort());
  });

  it('remove by filter path in upper case', async () => {
    const { c, ids } = await withUsers();
    const groupId = await c.createGroup({
      displayName: 'Tide Ops',
      members: ids.map((value) => ({ value })),
    });
    const url = `${c.endpoint.groupsUrl}/${groupId}`;

    const response = await c.patch(url, { op: 'Remove', path: `MEMBERS[VALUE EQ "${ids[1]}"]` });
    expect([200, 204]).toContain(response.status);
    expect(memberValues((await c.get(url)).body)).toEqual([ids[0], ids[2]].sort());
  });

  it('remove by filter path with or', async () => {
    const { c, ids } = await withUsers();
    const groupId = await c.createGroup({
      displayName: 'Tide Ops',
      members: ids.map((value) => ({ value })),
    });
    const url = `${c.endpoint.groupsUrl}/${groupId}`;

    const response = await c.patch(url, {
      op: 'remove',
      path: `members[value eq "${ids[0]}" or value eq "${ids[2]}"]`,
    });
    expect([200, 204]).toContain(response.status);
    expect(memberValues((await c.get(url)).body)).toEqual([ids[1]]);
  });

  it('remove of a member that is not in the group', async () => {
    const { c, ids } = await withUsers();
    const groupId = await c.createGroup({ displayName: 'Tide Ops', members: [{ value: ids[0] }] });
    const url = `${c.endpoint.groupsUrl}/${groupId}`;

    const response = await c.patch(url, { op: 'remove', path: `members[value eq "${ids[1]}"]` });
    expect(response.status, response.text).toBe(200);
    expect(memberValues((await c.get(url)).body)).toEqual([ids[0]]);
  });

  it('remove all members without a value', async () => {
    const { c, ids } = await withUsers();
    const groupId = await c.createGroup({
      displayName: 'Tide Ops',
      members: ids.map((value) => ({ value })),
    });
    const url = `${c.endpoint.groupsUrl}/${groupId}`;

    const response = await c.patch(url, { op: 'remove', path: 'members' });
    expect(response.status, response.text).toBe(200);
    expect((await c.get(url)).body.members ?? []).toEqual([]);
  });

  it('replace members with a new list', async () => {
    const { c, ids } = await withUsers();
    const groupId = await c.createGroup({ displayName: 'Tide Ops', members: [{ value: ids[0] }] });
    const url = `${c.endpoint.groupsUrl}/${groupId}`;

    const response = await c.patch(url, {
      op: 'replace',
      path: 'members',
      value: [{ value: ids[1] }, { value: ids[2] }],
    });
    expect(response.status, response.text).toBe(200);
    expect(memberValues((await c.get(url)).body)).toEqual([ids[1], ids[2]].sort());
  });

  it('add of an unknown user id', async () => {
    const { c } = await withUsers();
    const groupId = await c.createGroup({ displayName: 'Tide Ops' });
    const response = await c.patch(`${c.endpoint.groupsUrl}/${groupId}`, {
      op: 'add',
      path: 'members',
      value: [{ value: 'no-such-user' }],
    });
    expect(response.status).toBe(400);
    expect(response.body.status).toBe('400');
    expect(response.body.detail).toContain('no-such-user');
  });

  it('members given as bare id strings', async () => {
    const { c, ids } = await withUsers();
    const groupId = await c.createGroup({ displayName: 'Tide Ops' });
    const url = `${c.endpoint.groupsUrl}/${groupId}`;
    const response = await c.patch(url, { op: 'add', path: 'members', value: [ids[0]] });
    expect(response.status, response.text).toBe(200);
    expect(memberValues((await c.get(url)).body)).toEqual([ids[0]]);
  });
});

describe('group read variants', () => {
  it('excludedAttributes=members on GET and list', async () => {
    const { c, ids } = await withUsers();
    const groupId = await c.createGroup({ displayName: 'Tide Ops', members: [{ value: ids[0] }] });

    const single = await c.get(`${c.endpoint.groupsUrl}/${groupId}?excludedAttributes=members`);
    expect(single.status).toBe(200);
    expect(single.body.members).toBeUndefined();
    expect(single.body.displayName).toBe('Tide Ops');
    expect(single.body.id).toBe(groupId);

    const filter = encodeURIComponent('displayName eq "tide ops"');
    const list = await c.get(`${c.endpoint.groupsUrl}?filter=${filter}&excludedAttributes=members`);
    expect(list.body.totalResults).toBe(1);
    expect(list.body.Resources[0].members).toBeUndefined();
    expect(list.body.Resources[0].id).toBe(groupId);
  });

  it('excludedAttributes with the URN-qualified members', async () => {
    const { c, ids } = await withUsers();
    const groupId = await c.createGroup({ displayName: 'Tide Ops', members: [{ value: ids[0] }] });
    const single = await c.get(
      `${c.endpoint.groupsUrl}/${groupId}?excludedAttributes=${CORE_GROUP_URN}:members`,
    );
    expect(single.body.members).toBeUndefined();
    expect(single.body.displayName).toBe('Tide Ops');
  });

  it('filter groups by member value', async () => {
    const { c, ids } = await withUsers();
    await c.createGroup({ displayName: 'Tide Ops', members: [{ value: ids[0] }] });
    await c.createGroup({ displayName: 'Harbour', members: [{ value: ids[1] }] });

    const filter = encodeURIComponent(`members[value eq "${ids[1]}"]`);
    const list = await c.get(`${c.endpoint.groupsUrl}?filter=${filter}`);
    expect(list.status, list.text).toBe(200);
    expect(list.body.Resources.map((g: { displayName: string }) => g.displayName)).toEqual([
      'Harbour',
    ]);

    const dotted = encodeURIComponent(`members.value eq "${ids[0]}"`);
    const byDotted = await c.get(
      `${c.endpoint.groupsUrl}?filter=${dotted}&excludedAttributes=members`,
    );
    expect(byDotted.body.Resources.map((g: { displayName: string }) => g.displayName)).toEqual([
      'Tide Ops',
    ]);
  });

  it('displayName filter unquoted with Eq', async () => {
    const { c } = await withUsers();
    await c.createGroup({ displayName: 'Harbour' });
    const list = await c.get(
      `${c.endpoint.groupsUrl}?filter=displayName%20Eq%20harbour&startIndex=1&count=1`,
    );
    expect(list.body.totalResults).toBe(1);
  });

  it('group without displayName', async () => {
    const { c } = await withUsers();
    const response = await c.send('POST', c.endpoint.groupsUrl, {
      schemas: [CORE_GROUP_URN],
      members: [],
    });
    expectScimError(response, 400, 'invalidValue');
  });

  it('group displayName of only spaces', async () => {
    const { c } = await withUsers();
    const response = await c.send('POST', c.endpoint.groupsUrl, { displayName: '  ' });
    expectScimError(response, 400, 'invalidValue');
  });

  it('group PUT without members empties it', async () => {
    const { c, ids } = await withUsers();
    const groupId = await c.createGroup({ displayName: 'Tide Ops', members: [{ value: ids[0] }] });
    const url = `${c.endpoint.groupsUrl}/${groupId}`;
    const put = await c.send('PUT', url, { displayName: 'Tide Ops 2' });
    expect(put.status, put.text).toBe(200);
    expect(put.body.displayName).toBe('Tide Ops 2');
    expect((await c.get(url)).body.members ?? []).toEqual([]);
  });

  it('group DELETE twice', async () => {
    const { c } = await withUsers();
    const groupId = await c.createGroup({ displayName: 'Tide Ops' });
    expect((await c.send('DELETE', `${c.endpoint.groupsUrl}/${groupId}`)).status).toBe(204);
    expectScimError(await c.send('DELETE', `${c.endpoint.groupsUrl}/${groupId}`), 404);
  });
});

describe('group rename and removal variants', () => {
  it('rename to its own name in other case', async () => {
    const { c } = await withUsers();
    const groupId = await c.createGroup({ displayName: 'Tide Ops' });
    const url = `${c.endpoint.groupsUrl}/${groupId}`;

    const patch = await c.patch(url, { op: 'replace', path: 'displayName', value: 'TIDE OPS' });
    expect(patch.status, patch.text).toBe(200);
    expect(patch.body.displayName).toBe('TIDE OPS');

    const put = await c.send('PUT', url, { displayName: 'tide ops' });
    expect(put.status, put.text).toBe(200);
    expect(put.body.displayName).toBe('tide ops');
  });

  it('remove by value array with display and $ref', async () => {
    const { c, ids } = await withUsers();
    const groupId = await c.createGroup({
      displayName: 'Tide Ops',
      members: [{ value: ids[0] }, { value: ids[1] }],
    });
    const url = `${c.endpoint.groupsUrl}/${groupId}`;

    const response = await c.patch(url, {
      op: 'Remove',
      path: 'members',
      value: [
        { value: ids[0], display: 'ines@example.org', $ref: `${c.endpoint.usersUrl}/${ids[0]}` },
      ],
    });
    expect([200, 204]).toContain(response.status);
    expect(memberValues((await c.get(url)).body)).toEqual([ids[1]]);
  });

  it('nested group as a member', async () => {
    const { c } = await withUsers();
    const inner = await c.createGroup({ displayName: 'Inner' });
    const response = await c.send('POST', c.endpoint.groupsUrl, {
      displayName: 'Outer',
      members: [{ value: inner, type: 'Group' }],
    });
    expectScimError(response, 400, 'invalidValue');
    expect(response.body.detail).toContain(inner);
  });
});

describe('group body variants', () => {
  it('SCIM 1.1 group schema', async () => {
    const { c, ids } = await withUsers();
    const response = await c.send('POST', c.endpoint.groupsUrl, {
      schemas: ['urn:scim:schemas:core:1.0'],
      displayName: 'Tide Ops',
      members: [{ value: ids[0] }],
    });
    expect(response.status, response.text).toBe(201);
    expect(response.body.schemas).toEqual([CORE_GROUP_URN]);
    expect(memberValues(response.body)).toEqual([ids[0]]);
  });

  it('SCIM 1.1 user body on Groups', async () => {
    const { c } = await withUsers();
    const response = await c.send('POST', c.endpoint.groupsUrl, {
      schemas: ['urn:scim:schemas:core:1.0'],
      userName: 'ines@example.org',
    });
    expectScimError(response, 400, 'invalidValue');
    expect(response.body.detail).toContain('displayName');
  });

  it('PUT replaces the members', async () => {
    const { c, ids } = await withUsers();
    const groupId = await c.createGroup({ displayName: 'Tide Ops', members: [{ value: ids[0] }] });
    const url = `${c.endpoint.groupsUrl}/${groupId}`;
    const put = await c.send('PUT', url, {
      schemas: [CORE_GROUP_URN],
      id: groupId,
      displayName: 'Tide Ops',
      members: [{ value: ids[1], display: 'tomas@example.org' }],
    });
    expect(put.status, put.text).toBe(200);
    expect(memberValues((await c.get(url)).body)).toEqual([ids[1]]);
  });

  it('rename into a taken name', async () => {
    const { c } = await withUsers();
    await c.createGroup({ displayName: 'Harbour' });
    const groupId = await c.createGroup({ displayName: 'Tide Ops' });
    const response = await c.patch(`${c.endpoint.groupsUrl}/${groupId}`, {
      op: 'replace',
      path: 'displayName',
      value: 'HARBOUR',
    });
    expectScimError(response, 409, 'uniqueness');
  });
});

describe('concurrent membership changes', () => {
  it('parallel adds keep every member', async () => {
    const c = await variantClient(testServer(), 'groups');
    const ids: string[] = [];
    for (let index = 0; index < 12; index += 1)
      ids.push(await c.createUser(userBody(`member${index}@example.org`)));
    const groupId = await c.createGroup({ displayName: 'Tide Ops' });
    const url = `${c.endpoint.groupsUrl}/${groupId}`;

    const responses = await Promise.all(
      ids.map((value) => c.patch(url, { op: 'Add', path: 'members', value: [{ value }] })),
    );
    expect(responses.map((response) => response.status)).toEqual(ids.map(() => 200));
    expect(memberValues((await c.get(url)).body)).toEqual([...ids].sort());
  });
});
