import { describe, expect, test } from 'vitest';
import { parseUser, SCHEMAS } from '@scimflow/scim';
import { scimErrorOf as errorOf } from './helpers.js';

const ENTERPRISE = SCHEMAS.enterpriseUser;

describe('parseUser normalization', () => {
  const cases: Array<{
    name: string;
    body: Record<string, unknown>;
    expected: Record<string, unknown>;
  }> = [
    {
      name: 'attribute names in any case',
      body: {
        UserName: 'ines',
        NAME: { givenname: 'Ines', FamilyName: 'Ward' },
        Emails: [{ VALUE: 'i@example.org' }],
      },
      expected: {
        userName: 'ines',
        name: { givenName: 'Ines', familyName: 'Ward' },
        emails: [{ value: 'i@example.org' }],
      },
    },
    {
      name: 'dotted attribute keys',
      body: { userName: 'ines', 'NAME.givenname': 'Ines' },
      expected: { userName: 'ines', name: { givenName: 'Ines' } },
    },
    {
      name: 'string booleans in any case',
      body: { userName: 'ines', active: 'True', emails: [{ value: 'a@x.org', primary: 'FALSE' }] },
      expected: { userName: 'ines', active: true, emails: [{ value: 'a@x.org', primary: false }] },
    },
    {
      name: 'bare-string emails',
      body: { userName: 'ines', emails: ['ines@example.org', 'ward@example.org'] },
      expected: {
        userName: 'ines',
        emails: [{ value: 'ines@example.org', primary: true }, { value: 'ward@example.org' }],
      },
    },
    {
      name: 'single email object',
      body: { userName: 'ines', emails: { value: 'ines@example.org', type: 'work' } },
      expected: { userName: 'ines', emails: [{ value: 'ines@example.org', type: 'work' }] },
    },
    {
      name: 'bare-string phone numbers',
      body: { userName: 'ines', phoneNumbers: ['+15550100'] },
      expected: { userName: 'ines', phoneNumbers: [{ value: '+15550100', primary: true }] },
    },
    {
      name: 'bare-string manager',
      body: { userName: 'ines', [ENTERPRISE]: { manager: 'u-77', department: 'Tide Ops' } },
      expected: {
        userName: 'ines',
        [ENTERPRISE]: { manager: { value: 'u-77' }, department: 'Tide Ops' },
      },
    },
    {
      name: 'enterprise URN in another case',
      body: { userName: 'ines', [ENTERPRISE.toUpperCase()]: { Department: 'Tide Ops' } },
      expected: { userName: 'ines', [ENTERPRISE]: { department: 'Tide Ops' } },
    },
    {
      name: 'URN-qualified enterprise key',
      body: { userName: 'ines', [`${ENTERPRISE}:employeeNumber`]: 311 },
      expected: { userName: 'ines', [ENTERPRISE]: { employeeNumber: '311' } },
    },
    {
      name: 'unknown extensions kept',
      body: {
        userName: 'ines',
        'urn:scim:schemas:extension:custom:User': { badge: 'B-1', floor: 3 },
        'urn:scim:wso2:schema': { askPassword: true },
      },
      expected: {
        userName: 'ines',
        'urn:scim:schemas:extension:custom:User': { badge: 'B-1', floor: 3 },
        'urn:scim:wso2:schema': { askPassword: true },
      },
    },
    {
      name: 'read-only id, meta and groups ignored',
      body: {
        userName: 'ines',
        id: 'client-id',
        meta: { created: '2024-01-01T00:00:00Z' },
        groups: [],
      },
      expected: { userName: 'ines' },
    },
    {
      name: 'empty password and empty lists dropped',
      body: { userName: 'ines', password: '', roles: [], displayName: null },
      expected: { userName: 'ines' },
    },
    {
      name: 'unknown core attributes dropped',
      body: { userName: 'ines', favouriteColour: 'teal' },
      expected: { userName: 'ines' },
    },
    {
      name: 'SCIM 1.1 body from scim-choreo',
      body: {
        schemas: [SCHEMAS.scim11Core],
        userName: 'ines.ward@example.org',
        password: '',
        name: { givenName: 'Ines', familyName: 'Ward' },
        emails: ['ines.ward@example.org'],
        phoneNumbers: [{ value: '+15550100' }],
        meta: { created: '2022-08-30T10:00:00Z', lastModified: '2022-08-30T10:00:00Z' },
      },
      expected: {
        userName: 'ines.ward@example.org',
        name: { givenName: 'Ines', familyName: 'Ward' },
        emails: [{ value: 'ines.ward@example.org', primary: true }],
        phoneNumbers: [{ value: '+15550100' }],
      },
    },
    {
      name: 'SCIM 1.1 enterprise extension',
      body: {
        schemas: [SCHEMAS.scim11Core],
        userName: 'ines',
        'urn:scim:schemas:extension:enterprise:1.0': { division: 'North' },
      },
      expected: { userName: 'ines', [ENTERPRISE]: { division: 'North' } },
    },
  ];

  test.each(cases)('$name', ({ body, expected }) => {
    const user = JSON.parse(JSON.stringify(parseUser(body))) as Record<string, unknown>;
    const { schemas, ...attributes } = user;

    expect(attributes).toEqual(expected);
    expect(schemas).toEqual([
      SCHEMAS.coreUser,
      ...Object.keys(expected).filter((key) => key.startsWith('urn:')),
    ]);
  });
});

describe('parseUser schemas', () => {
  test.each([
    ['empty schemas', []],
    ['missing schemas', undefined],
    ['core and enterprise', [SCHEMAS.coreUser, ENTERPRISE]],
  ])('%s gives the core schema', (_name, schemas) => {
    const user = parseUser({ schemas, userName: 'ines' });

    expect(user.schemas).toEqual([SCHEMAS.coreUser]);
  });

  test('enterprise key adds its URN', () => {
    const user = parseUser({ schemas: [], userName: 'ines', [ENTERPRISE]: { department: 'Ops' } });

    expect(user.schemas).toEqual([SCHEMAS.coreUser, ENTERPRISE]);
  });
});

describe('parseUser errors', () => {
  test.each([
    [
      'Group schema',
      { schemas: [SCHEMAS.group], userName: 'ines' },
      'invalidValue',
      /urn:ietf:params:scim:schemas:core:2.0:Group/,
    ],
    [
      'missing userName',
      { schemas: [SCHEMAS.coreUser], displayName: 'Ines' },
      'invalidValue',
      /'userName'/,
    ],
    ['empty userName', { userName: '' }, 'invalidValue', /'userName'/],
    [
      'non-boolean active',
      { userName: 'ines', active: 'maybe' },
      'invalidValue',
      /'active'.*"maybe"/,
    ],
    ['object userName', { userName: { first: 'x' } }, 'invalidValue', /'userName'/],
    ['schemas as object', { userName: 'ines', schemas: { a: 1 } }, 'invalidSyntax', /'schemas'/],
    ['array body', [], 'invalidSyntax', /JSON object/],
    ['string body', 'ines', 'invalidSyntax', /JSON object/],
  ])('%s', (_name, body, scimType, message) => {
    const error = errorOf(() => parseUser(body));

    expect(error.status).toBe(400);
    expect(error.scimType).toBe(scimType);
    expect(error.detail).toMatch(message);
  });
});

describe('parseUser limits', () => {
  test('deeply nested extension rejected', () => {
    let nested: unknown = 'leaf';
    for (let level = 0; level < 10000; level += 1) nested = { next: nested };

    const error = errorOf(() => parseUser({ userName: 'ines', 'urn:x:ext': nested }));

    expect(error.scimType).toBe('invalidValue');
    expect(error.detail).toContain('deeper than 32 levels');
  });

  test('shallow extension accepted', () => {
    const user = parseUser({ userName: 'ines', 'urn:x:ext': { a: { b: { c: [1, 2] } } } });

    expect(user['urn:x:ext']).toEqual({ a: { b: { c: [1, 2] } } });
  });
});

describe('parseUser result', () => {
  test('enterprise getter mirrors the URN key', () => {
    const user = parseUser({
      userName: 'ines',
      [ENTERPRISE]: { department: 'Tide Ops', manager: 'u-7' },
    });

    expect(user.enterprise?.department).toBe('Tide Ops');
    expect(user.enterprise?.manager?.value).toBe('u-7');
    expect(user.enterprise).toBe(user[ENTERPRISE]);
  });

  test('JSON form has no enterprise key', () => {
    const user = parseUser({ userName: 'ines', [ENTERPRISE]: { department: 'Tide Ops' } });
    const json = JSON.parse(JSON.stringify(user)) as Record<string, unknown>;

    expect(Object.keys(json)).not.toContain('enterprise');
    expect(json[ENTERPRISE]).toEqual({ department: 'Tide Ops' });
  });

  test('enterprise is undefined without the extension', () => {
    expect(parseUser({ userName: 'ines' }).enterprise).toBeUndefined();
  });

  test('dot notation reads typed values', () => {
    const user = parseUser({
      userName: 'ines',
      name: { givenName: 'Ines' },
      emails: ['ines@example.org'],
    });

    expect(user.name?.givenName).toBe('Ines');
    expect(user.emails?.[0]?.value).toBe('ines@example.org');
    expect(user.emails?.[0]?.primary).toBe(true);
  });

  test('__proto__ key leaves Object.prototype alone', () => {
    const body = JSON.parse(
      '{"userName":"ines","__proto__":{"polluted":1},"name":{"__proto__":{"polluted":2}}}',
    );

    const user = parseUser(body);

    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(user)).toBe(Object.prototype);
  });
});
