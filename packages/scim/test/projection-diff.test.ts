import { describe, expect, test } from 'vitest';
import { diffMembers, diffResources, parseUser, projectResource, SCHEMAS } from '@scimflow/scim';
import { asStored } from './helpers.js';

const ENTERPRISE = SCHEMAS.enterpriseUser;

const user: Record<string, unknown> = {
  ...asStored(
    parseUser({
      userName: 'ines',
      password: 'Kw7#pTide-2207',
      displayName: 'Ines Ward',
      name: { givenName: 'Ines', familyName: 'Ward' },
      emails: [
        { type: 'work', value: 'ines@example.org', primary: true },
        { value: 'i@home.example' },
      ],
      [ENTERPRISE]: { department: 'Tide Ops', manager: { value: 'u-77' } },
    }),
  ),
  id: 'u1',
  meta: { resourceType: 'User', created: '2024-03-04T09:15:00Z' },
};

const always = { schemas: user.schemas, id: 'u1', meta: user.meta };

describe('projectResource', () => {
  test('no parameters drop only password', () => {
    const { password: _password, ...visible } = user;

    expect(projectResource(user, {}, 'User')).toEqual(visible);
  });

  test.each<[string, Record<string, unknown>]>([
    ['userName', { userName: 'ines' }],
    ['USERNAME', { userName: 'ines' }],
    ['userName,displayName', { userName: 'ines', displayName: 'Ines Ward' }],
    [' userName , displayName ', { userName: 'ines', displayName: 'Ines Ward' }],
    ['name.givenName', { name: { givenName: 'Ines' } }],
    ['NAME.GIVENNAME', { name: { givenName: 'Ines' } }],
    ['emails.value', { emails: [{ value: 'ines@example.org' }, { value: 'i@home.example' }] }],
    ['emails.type', { emails: [{ type: 'work' }] }],
    [`${ENTERPRISE}:department`, { [ENTERPRISE]: { department: 'Tide Ops' } }],
    [`${ENTERPRISE}:manager.value`, { [ENTERPRISE]: { manager: { value: 'u-77' } } }],
    [ENTERPRISE, { [ENTERPRISE]: user[ENTERPRISE] as object }],
    [`${SCHEMAS.coreUser}:userName`, { userName: 'ines' }],
    ['password', {}],
    ['favouriteColour', {}],
    ['id', {}],
  ])('attributes=%s', (attributes, expected) => {
    expect(projectResource(user, { attributes }, 'User')).toEqual({ ...always, ...expected });
  });

  test.each<[string, string[]]>([
    ['emails', ['emails']],
    ['Emails,name', ['emails', 'name']],
    [ENTERPRISE, [ENTERPRISE]],
    ['id,schemas,meta', []],
  ])('excludedAttributes=%s', (excludedAttributes, removed) => {
    const projected = projectResource(user, { excludedAttributes }, 'User');

    for (const key of removed) expect(projected).not.toHaveProperty([key]);
    expect(projected.id).toBe('u1');
    expect(projected.schemas).toEqual(user.schemas);
    expect(projected.userName).toBe('ines');
    expect(projected).not.toHaveProperty('password');
  });

  test('excluded sub-attribute', () => {
    const projected = projectResource(
      user,
      { excludedAttributes: 'name.givenName,emails.primary' },
      'User',
    );

    expect(projected.name).toEqual({ familyName: 'Ward' });
    expect(projected.emails).toEqual([
      { type: 'work', value: 'ines@example.org' },
      { value: 'i@home.example' },
    ]);
  });

  test('excluded members on a group', () => {
    const group = {
      schemas: [SCHEMAS.group],
      id: 'g1',
      displayName: 'Tide Ops',
      members: [{ value: 'u1' }],
    };

    expect(projectResource(group, { excludedAttributes: 'members' }, 'Group')).toEqual({
      schemas: [SCHEMAS.group],
      id: 'g1',
      displayName: 'Tide Ops',
    });
  });

  test('input not mutated', () => {
    const snapshot = structuredClone(user);

    projectResource(user, { excludedAttributes: 'name.givenName' }, 'User');

    expect(user).toEqual(snapshot);
  });
});

describe('diffResources', () => {
  test.each<[string, Record<string, unknown>, Record<string, unknown>, unknown[]]>([
    ['no change', { userName: 'a' }, { userName: 'a' }, []],
    [
      'simple change',
      { active: true },
      { active: false },
      [{ path: 'active', before: true, after: false }],
    ],
    ['added attribute', {}, { title: 'x' }, [{ path: 'title', after: 'x' }]],
    ['removed attribute', { title: 'x' }, {}, [{ path: 'title', before: 'x' }]],
    [
      'sub-attribute',
      { name: { givenName: 'A', familyName: 'B' } },
      { name: { givenName: 'A', familyName: 'C' } },
      [{ path: 'name.familyName', before: 'B', after: 'C' }],
    ],
    [
      'multi-valued as a whole',
      { emails: [{ value: 'a' }] },
      { emails: [{ value: 'b' }] },
      [{ path: 'emails', before: [{ value: 'a' }], after: [{ value: 'b' }] }],
    ],
    ['key order ignored', { name: { a: '1', b: '2' } }, { name: { b: '2', a: '1' } }, []],
    [
      'extension attribute',
      { [ENTERPRISE]: { department: 'A' } },
      { [ENTERPRISE]: { department: 'B' } },
      [{ path: `${ENTERPRISE}:department`, before: 'A', after: 'B' }],
    ],
    [
      'extension sub-attribute',
      {},
      { [ENTERPRISE]: { manager: { value: 'u1' } } },
      [{ path: `${ENTERPRISE}:manager.value`, after: 'u1' }],
    ],
    [
      'meta, id and schemas skipped',
      { id: 'a', meta: { version: '1' }, schemas: [] },
      { id: 'b', meta: { version: '2' }, schemas: ['x'] },
      [],
    ],
    ['password without values', { password: 'old' }, { password: 'new' }, [{ path: 'password' }]],
  ])('%s', (_name, before, after, expected) => {
    expect(diffResources(before, after)).toEqual(expected);
  });

  test('null before lists every attribute', () => {
    expect(diffResources(null, { userName: 'a', active: true })).toEqual([
      { path: 'userName', after: 'a' },
      { path: 'active', after: true },
    ]);
  });

  test('null after lists every attribute as removed', () => {
    expect(diffResources({ userName: 'a' }, null)).toEqual([{ path: 'userName', before: 'a' }]);
  });
});

describe('diffMembers', () => {
  const group = (values: string[]) => ({
    displayName: 'Tide Ops',
    members: values.map((value) => ({ value, display: `user ${value}` })),
  });

  test('added and removed by value', () => {
    expect(diffMembers(group(['u1', 'u2']), group(['u2', 'u3']))).toEqual({
      added: [{ value: 'u3', display: 'user u3' }],
      removed: [{ value: 'u1', display: 'user u1' }],
    });
  });

  test('same members give no change', () => {
    expect(diffMembers(group(['u1']), group(['u1']))).toEqual({ added: [], removed: [] });
  });

  test('create lists all as added', () => {
    expect(diffMembers(null, group(['u1'])).added).toEqual([{ value: 'u1', display: 'user u1' }]);
  });

  test('delete lists all as removed', () => {
    expect(diffMembers(group(['u1']), null).removed).toEqual([{ value: 'u1', display: 'user u1' }]);
  });

  test('group without members', () => {
    expect(diffMembers({ displayName: 'x' }, group(['u1'])).added).toHaveLength(1);
  });
});
