import { describe, expect, it } from 'vitest';
import { userBody } from './support/scim-client.js';
import { useTestServer } from './support/test-server.js';
import {
  CORE_USER_URN,
  ENTERPRISE_URN,
  expectScimError,
  variantClient,
} from './support/scim-variants.js';

const testServer = useTestServer();

const client = () => variantClient(testServer(), 'users');

describe('user create variants', () => {
  it('attribute names in any case', async () => {
    const c = await client();
    const response = await c.send('POST', c.endpoint.usersUrl, {
      SCHEMAS: [CORE_USER_URN],
      USERNAME: 'ines.ward@example.org',
      Name: { GIVENNAME: 'Ines', familyname: 'Ward' },
      EMAILS: [{ VALUE: 'ines.ward@example.org', Type: 'work', PRIMARY: 'True' }],
      Active: 'TRUE',
      ExternalID: 'ext-1',
    });

    expect(response.status, response.text).toBe(201);
    expect(response.body.userName).toBe('ines.ward@example.org');
    expect(response.body.name).toEqual({ givenName: 'Ines', familyName: 'Ward' });
    expect(response.body.emails).toEqual([
      { value: 'ines.ward@example.org', type: 'work', primary: true },
    ]);
    expect(response.body.active).toBe(true);
    expect(response.body.externalId).toBe('ext-1');
  });

  it('enterprise extension under a lower-case URN', async () => {
    const c = await client();
    const response = await c.send('POST', c.endpoint.usersUrl, {
      schemas: [CORE_USER_URN, ENTERPRISE_URN.toLowerCase()],
      userName: 'tomas.rydell@example.org',
      [ENTERPRISE_URN.toLowerCase()]: {
        Department: 'Tide Ops',
        MANAGER: 'u-77',
        employeeNumber: 42,
      },
    });

    expect(response.status, response.text).toBe(201);
    expect(response.body.schemas).toContain(ENTERPRISE_URN);
    expect(response.body[ENTERPRISE_URN]).toEqual({
      department: 'Tide Ops',
      manager: { value: 'u-77' },
      employeeNumber: '42',
    });
  });

  it('URN-qualified attribute keys at the top level', async () => {
    const c = await client();
    const response = await c.send('POST', c.endpoint.usersUrl, {
      schemas: [],
      [`${CORE_USER_URN}:userName`]: 'ines@example.org',
      [`${ENTERPRISE_URN}:department`]: 'Tide Ops',
      [`${ENTERPRISE_URN}:manager.value`]: 'u-9',
    });

    expect(response.status, response.text).toBe(201);
    expect(response.body.userName).toBe('ines@example.org');
    expect(response.body[ENTERPRISE_URN]).toEqual({
      department: 'Tide Ops',
      manager: { value: 'u-9' },
    });
  });

  it('active as a string that is no boolean', async () => {
    const c = await client();
    const response = await c.send(
      'POST',
      c.endpoint.usersUrl,
      userBody('a@example.org', { active: 'yes' }),
    );
    expectScimError(response, 400, 'invalidValue');
    expect(response.body.detail).toContain('active');
  });

  it('missing userName', async () => {
    const c = await client();
    const response = await c.send('POST', c.endpoint.usersUrl, {
      schemas: [CORE_USER_URN],
      name: { givenName: 'Ines' },
    });
    expectScimError(response, 400, 'invalidValue');
    expect(response.body.detail).toContain('userName');
  });

  it('userName of only spaces', async () => {
    const c = await client();
    const response = await c.send('POST', c.endpoint.usersUrl, {
      schemas: [CORE_USER_URN],
      userName: '   ',
    });
    expectScimError(response, 400, 'invalidValue');
  });

  it('case-different duplicate userName', async () => {
    const c = await client();
    await c.createUser(userBody('ines.ward@example.org'));
    const duplicate = await c.send('POST', c.endpoint.usersUrl, userBody('INES.Ward@Example.org'));
    expectScimError(duplicate, 409, 'uniqueness');

    const names = await c.userNamesMatching('userName eq "ines.ward@example.org"');
    expect(names).toEqual(['ines.ward@example.org']);
  });

  it('password never returned', async () => {
    const c = await client();
    const response = await c.send(
      'POST',
      c.endpoint.usersUrl,
      userBody('p@example.org', { PassWord: 's3cret-Value' }),
    );
    expect(response.status).toBe(201);
    expect(response.text).not.toContain('s3cret-Value');
    const read = await c.get(`${c.endpoint.usersUrl}/${response.body.id}`);
    expect(read.text).not.toContain('s3cret-Value');
  });
});

describe('user PUT variants', () => {
  it('PUT without active keeps a deactivated user inactive', async () => {
    const c = await client();
    const id = await c.createUser(userBody('ines@example.org', { active: true }));
    await c.patch(`${c.endpoint.usersUrl}/${id}`, { op: 'replace', path: 'active', value: false });

    const put = await c.send(
      'PUT',
      `${c.endpoint.usersUrl}/${id}`,
      userBody('ines@example.org', { title: 'Lead' }),
    );
    expect(put.status, put.text).toBe(200);
    expect(put.body.active).toBe(false);
    expect(put.body.title).toBe('Lead');
  });

  it('PUT drops attributes the body omits', async () => {
    const c = await client();
    const id = await c.createUser(userBody('ines@example.org', { title: 'Lead', nickName: 'In' }));
    const put = await c.send('PUT', `${c.endpoint.usersUrl}/${id}`, {
      schemas: [CORE_USER_URN],
      userName: 'ines@example.org',
      title: 'Lead',
    });

    expect(put.status, put.text).toBe(200);
    expect(put.body.title).toBe('Lead');
    expect(put.body.nickName).toBeUndefined();
    expect(put.body.emails).toBeUndefined();
  });

  it('PUT changing only the userName case', async () => {
    const c = await client();
    const id = await c.createUser(userBody('ines@example.org'));
    const put = await c.send('PUT', `${c.endpoint.usersUrl}/${id}`, userBody('INES@example.org'));
    expect(put.status, put.text).toBe(200);
    expect(put.body.userName).toBe('INES@example.org');
  });

  it("PUT into another user's name in other case", async () => {
    const c = await client();
    await c.createUser(userBody('taken@example.org'));
    const id = await c.createUser(userBody('free@example.org'));
    const put = await c.send('PUT', `${c.endpoint.usersUrl}/${id}`, userBody('TAKEN@example.org'));
    expectScimError(put, 409, 'uniqueness');
  });

  it('PUT with another id in the body', async () => {
    const c = await client();
    const id = await c.createUser(userBody('ines@example.org'));
    const put = await c.send(
      'PUT',
      `${c.endpoint.usersUrl}/${id}`,
      userBody('ines@example.org', { id: 'other-id', meta: { resourceType: 'Group' } }),
    );
    expect(put.status, put.text).toBe(200);
    expect(put.body.id).toBe(id);
    expect(put.body.meta.resourceType).toBe('User');
  });

  it('PUT without userName', async () => {
    const c = await client();
    const id = await c.createUser(userBody('ines@example.org'));
    const put = await c.send('PUT', `${c.endpoint.usersUrl}/${id}`, {
      schemas: [CORE_USER_URN],
      title: 'x',
    });
    expectScimError(put, 400, 'invalidValue');
  });
});

describe('user read and delete variants', () => {
  it('GET of a deactivated user', async () => {
    const c = await client();
    const id = await c.createUser(userBody('ines@example.org'));
    await c.patch(`${c.endpoint.usersUrl}/${id}`, { op: 'Replace', value: { Active: 'False' } });

    const read = await c.get(`${c.endpoint.usersUrl}/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.active).toBe(false);
    expect(read.body.userName).toBe('ines@example.org');
  });

  it('DELETE twice', async () => {
    const c = await client();
    const id = await c.createUser(userBody('ines@example.org'));
    const first = await c.send('DELETE', `${c.endpoint.usersUrl}/${id}`);
    expect(first.status).toBe(204);
    expect(first.text).toBe('');

    const second = await c.send('DELETE', `${c.endpoint.usersUrl}/${id}`);
    expectScimError(second, 404);
    expectScimError(await c.get(`${c.endpoint.usersUrl}/${id}`), 404);
  });

  it('DELETE then re-create the same userName', async () => {
    const c = await client();
    const id = await c.createUser(userBody('ines@example.org'));
    await c.send('DELETE', `${c.endpoint.usersUrl}/${id}`);
    const again = await c.createUser(userBody('Ines@example.org'));
    expect(again).not.toBe(id);
  });

  it('deleted user leaves its groups', async () => {
    const c = await client();
    const id = await c.createUser(userBody('ines@example.org'));
    const groupId = await c.createGroup({ displayName: 'Tide Ops', members: [{ value: id }] });
    await c.send('DELETE', `${c.endpoint.usersUrl}/${id}`);

    const group = await c.get(`${c.endpoint.groupsUrl}/${groupId}`);
    expect(group.status).toBe(200);
    expect(group.body.members ?? []).toEqual([]);
  });
});

describe('user body edge variants', () => {
  it('two primary emails in one body', async () => {
    const c = await client();
    const response = await c.send(
      'POST',
      c.endpoint.usersUrl,
      userBody('a@example.org', {
        emails: [
          { value: 'a@example.org', primary: true },
          { value: 'b@example.org', primary: 'True' },
        ],
      }),
    );
    expect(response.status, response.text).toBe(201);
    expect(response.body.emails).toEqual([
      { value: 'a@example.org', primary: true },
      { value: 'b@example.org' },
    ]);
  });

  it('duplicate differing in non-ASCII case', async () => {
    const c = await client();
    await c.createUser(userBody('åsa@example.org'));
    expectScimError(
      await c.send('POST', c.endpoint.usersUrl, userBody('ÅSA@example.org')),
      409,
      'uniqueness',
    );
    expect(await c.userNamesMatching('userName eq "ÅSA@EXAMPLE.ORG"')).toEqual(['åsa@example.org']);
  });

  it('deeply nested extension value', async () => {
    const c = await client();
    let deep: unknown = 'x';
    for (let level = 0; level < 200; level += 1) deep = { a: deep };
    const response = await c.send(
      'POST',
      c.endpoint.usersUrl,
      userBody('a@example.org', {
        'urn:example:params:scim:schemas:extension:deep:1.0:User': deep,
      }),
    );
    expect(response.status, response.text).toBe(400);
    expect(response.body.status).toBe('400');
  });
});
