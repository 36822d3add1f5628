import { describe, expect, test } from 'vitest';
import { applyPatch, parseGroup, parseUser, SCHEMAS } from '@scimflow/scim';
import { asStored, scimErrorOf } from './helpers.js';

const ENTERPRISE = SCHEMAS.enterpriseUser;

function storedUser(extra: Record<string, unknown> = {}) {
  return {
    ...asStored(
      parseUser({
        userName: 'ines',
        active: true,
        name: { givenName: 'Ines', familyName: 'Ward' },
        emails: [{ type: 'home', value: 'ines@home.example' }],
        [ENTERPRISE]: { department: 'Field Ops', employeeNumber: 'E-311' },
        ...extra,
      }),
    ),
    id: 'u1',
    meta: { resourceType: 'User', created: '2024-03-04T09:15:00Z' },
  };
}

function storedGroup(members: string[] = ['u1', 'u2']) {
  return {
    ...asStored(
      parseGroup({ displayName: 'Tide Ops', members: members.map((value) => ({ value })) }),
    ),
    id: 'g1',
  };
}

function patchUser(
  operations: Array<Record<string, unknown>>,
  resource: Record<string, unknown> = storedUser(),
) {
  return applyPatch(resource, { schemas: [SCHEMAS.patchOp], Operations: operations }, 'User')
    .resource;
}

function patchGroup(
  operations: Array<Record<string, unknown>>,
  resource: Record<string, unknown> = storedGroup(),
) {
  return applyPatch(resource, { schemas: [SCHEMAS.patchOp], Operations: operations }, 'Group')
    .resource;
}

describe('applyPatch paths', () => {
  test.each<[string, Record<string, unknown>, (user: Record<string, unknown>) => unknown, unknown]>(
    [
      [
        'replace simple',
        { op: 'replace', path: 'displayName', value: 'Ines W' },
        (u) => u.displayName,
        'Ines W',
      ],
      ['add simple', { op: 'add', path: 'title', value: 'Engineer' }, (u) => u.title, 'Engineer'],
      [
        'path in any case',
        { op: 'replace', path: 'DISPLAYNAME', value: 'Ines W' },
        (u) => u.displayName,
        'Ines W',
      ],
      [
        'replace sub-attribute',
        { op: 'replace', path: 'name.familyName', value: 'Ward-Lind' },
        (u) => u.name,
        { givenName: 'Ines', familyName: 'Ward-Lind' },
      ],
      [
        'add sub-attribute to absent parent',
        { op: 'add', path: 'name.middleName', value: 'M' },
        (u) => (u.name as { middleName: string }).middleName,
        'M',
      ],
      [
        'replace complex merges',
        { op: 'replace', path: 'name', value: { givenName: 'In' } },
        (u) => u.name,
        { givenName: 'In', familyName: 'Ward' },
      ],
      [
        'remove simple',
        { op: 'remove', path: 'name.givenName' },
        (u) => u.name,
        { familyName: 'Ward' },
      ],
      ['remove complex', { op: 'remove', path: 'name' }, (u) => u.name, undefined],
      [
        'add to multi-valued appends',
        { op: 'add', path: 'emails', value: [{ type: 'work', value: 'i@work.example' }] },
        (u) => u.emails,
        [
          { type: 'home', value: 'ines@home.example' },
          { type: 'work', value: 'i@work.example' },
        ],
      ],
      [
        're-add of same email is a no-op',
        { op: 'add', path: 'emails', value: [{ type: 'home', value: 'ines@home.example' }] },
        (u) => u.emails,
        [{ type: 'home', value: 'ines@home.example' }],
      ],
      [
        'replace multi-valued swaps the list',
        { op: 'replace', path: 'emails', value: [{ value: 'new@example.org', primary: true }] },
        (u) => u.emails,
        [{ value: 'new@example.org', primary: true }],
      ],
      [
        'bare-string email value',
        { op: 'replace', path: 'emails', value: 'new@example.org' },
        (u) => u.emails,
        [{ value: 'new@example.org', primary: true }],
      ],
      [
        'value filter creates entry when absent',
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'i@work.example' },
        (u) => u.emails,
        [
          { type: 'home', value: 'ines@home.example' },
          { type: 'work', value: 'i@work.example' },
        ],
      ],
      [
        'value filter with and creates entry',
        {
          op: 'add',
          path: 'phoneNumbers[type eq "mobile" and primary eq true].value',
          value: '+15550100',
        },
        (u) => u.phoneNumbers,
        [{ type: 'mobile', primary: true, value: '+15550100' }],
      ],
      [
        'value filter updates matching entry',
        { op: 'replace', path: 'emails[type eq "home"].value', value: 'moved@home.example' },
        (u) => u.emails,
        [{ type: 'home', value: 'moved@home.example' }],
      ],
      [
        'value filter without sub-attribute merges object',
        { op: 'replace', path: 'emails[type eq "home"]', value: { primary: 'True' } },
        (u) => u.emails,
        [{ type: 'home', value: 'ines@home.example', primary: true }],
      ],
      [
        'value filter remove',
        { op: 'remove', path: 'emails[type eq "home"]' },
        (u) => u.emails,
        undefined,
      ],
      [
        'value filter remove sub-attribute',
        { op: 'remove', path: 'emails[type eq "home"].type' },
        (u) => u.emails,
        [{ value: 'ines@home.example' }],
      ],
      [
        'address value filter',
        { op: 'replace', path: 'addresses[type eq "work"].postalCode', value: '10115' },
        (u) => u.addresses,
        [{ type: 'work', postalCode: '10115' }],
      ],
      [
        'URN path',
        { op: 'replace', path: `${ENTERPRISE}:department`, value: 'Tide Ops' },
        (u) => (u[ENTERPRISE] as { department: string }).department,
        'Tide Ops',
      ],
      [
        'URN path in any case',
        { op: 'replace', path: `${ENTERPRISE.toLowerCase()}:DEPARTMENT`, value: 'Tide Ops' },
        (u) => (u[ENTERPRISE] as { department: string }).department,
        'Tide Ops',
      ],
      [
        'URN manager.value',
        { op: 'replace', path: `${ENTERPRISE}:manager.value`, value: 'u-77' },
        (u) => (u[ENTERPRISE] as { manager: unknown }).manager,
        { value: 'u-77' },
      ],
      [
        'bare-string manager',
        { op: 'add', path: `${ENTERPRISE}:manager`, value: 'u-77' },
        (u) => (u[ENTERPRISE] as { manager: unknown }).manager,
        { value: 'u-77' },
      ],
      [
        'URN remove',
        { op: 'remove', path: `${ENTERPRISE}:employeeNumber` },
        (u) => u[ENTERPRISE],
        { department: 'Field Ops' },
      ],
      [
        'whole extension remove',
        { op: 'remove', path: ENTERPRISE },
        (u) => u[ENTERPRISE],
        undefined,
      ],
      [
        'whole extension replace',
        { op: 'replace', path: ENTERPRISE, value: { department: 'Tide Ops', manager: 'u-9' } },
        (u) => u[ENTERPRISE],
        { department: 'Tide Ops', employeeNumber: 'E-311', manager: { value: 'u-9' } },
      ],
      [
        'core URN path',
        { op: 'replace', path: `${SCHEMAS.coreUser}:userName`, value: 'ines.w' },
        (u) => u.userName,
        'ines.w',
      ],
      [
        'string boolean False',
        { op: 'replace', path: 'active', value: 'False' },
        (u) => u.active,
        false,
      ],
      [
        'string boolean true',
        { op: 'Replace', path: 'active', value: 'true' },
        (u) => u.active,
        true,
      ],
      [
        'replace with null removes',
        { op: 'replace', path: 'displayName', value: null },
        (u) => 'displayName' in u,
        false,
      ],
      [
        'unknown extension attribute',
        { op: 'add', path: 'urn:scim:schemas:extension:custom:User:badge', value: 'B-1' },
        (u) => u['urn:scim:schemas:extension:custom:User'],
        { badge: 'B-1' },
      ],
    ],
  )('%s', (_name, operation, read, expected) => {
    expect(read(patchUser([operation]))).toEqual(expected);
  });

  test.each(['add', 'Add', 'ADD', 'replace', 'Replace', 'REPLACE'])('op %s applies', (op) => {
    expect(patchUser([{ op, path: 'title', value: 'Engineer' }]).title).toBe('Engineer');
  });

  test.each(['remove', 'Remove', 'REMOVE'])('op %s applies', (op) => {
    expect(patchUser([{ op, path: 'name.givenName' }]).name).toEqual({ familyName: 'Ward' });
  });

  test('value-filter path creates then updates in place', () => {
    const path = 'emails[type eq "work"].value';
    const created = patchUser([{ op: 'Replace', path, value: 'a@work.example' }]);
    const updated = patchUser([{ op: 'Replace', path, value: 'b@work.example' }], created);

    expect(updated.emails).toEqual([
      { type: 'home', value: 'ines@home.example' },
      { type: 'work', value: 'b@work.example' },
    ]);
  });

  test('primary add clears other primaries', () => {
    const user = storedUser({ emails: [{ value: 'a@example.org', primary: true }] });

    const patched = patchUser(
      [{ op: 'add', path: 'emails', value: [{ value: 'b@example.org', primary: true }] }],
      user,
    );

    expect(patched.emails).toEqual([
      { value: 'a@example.org' },
      { value: 'b@example.org', primary: true },
    ]);
  });
});

describe('applyPatch without path', () => {
  test('dotted, URN and plain keys', () => {
    const patched = patchUser([
      {
        op: 'replace',
        value: {
          'name.givenName': 'In',
          [`${ENTERPRISE}:employeeNumber`]: 'E1',
          active: false,
          DisplayName: 'In W',
        },
      },
    ]);

    expect(patched.name).toEqual({ givenName: 'In', familyName: 'Ward' });
    expect(patched[ENTERPRISE]).toEqual({ department: 'Field Ops', employeeNumber: 'E1' });
    expect(patched.active).toBe(false);
    expect(patched.displayName).toBe('In W');
  });

  test('active only leaves the rest', () => {
    const before = storedUser();
    const patched = patchUser([{ op: 'replace', value: { active: false } }], before);

    expect(patched).toEqual({ ...before, active: false });
  });

  test('repeated id and meta ignored', () => {
    const patched = patchGroup([
      { op: 'replace', value: { id: 'g1', displayName: 'Tide Operations', meta: {} } },
    ]);

    expect(patched.id).toBe('g1');
    expect(patched.displayName).toBe('Tide Operations');
  });

  test('extension object applies per attribute', () => {
    const patched = patchUser([
      { op: 'add', value: { [ENTERPRISE]: { manager: 'u-9', costCenter: 'CC-1' } } },
    ]);

    expect(patched[ENTERPRISE]).toEqual({
      department: 'Field Ops',
      employeeNumber: 'E-311',
      manager: { value: 'u-9' },
      costCenter: 'CC-1',
    });
  });

  test('core URN key applies its attributes', () => {
    const patched = patchUser([
      { op: 'replace', value: { [SCHEMAS.coreUser]: { displayName: 'In W', active: 'false' } } },
    ]);

    expect(patched.displayName).toBe('In W');
    expect(patched.active).toBe(false);
    expect(patched).not.toHaveProperty([SCHEMAS.coreUser]);
  });

  test('core URN path acts path-less', () => {
    const patched = patchUser([
      { op: 'replace', path: SCHEMAS.coreUser, value: { title: 'Lead' } },
    ]);

    expect(patched.title).toBe('Lead');
    expect(patched.schemas).toEqual([SCHEMAS.coreUser, ENTERPRISE]);
  });

  test('unknown extension object merges', () => {
    const user = storedUser({ 'urn:scim:wso2:schema': { a: 1 } });

    const patched = patchUser([{ op: 'add', value: { 'urn:scim:wso2:schema': { b: 2 } } }], user);

    expect(patched['urn:scim:wso2:schema']).toEqual({ a: 1, b: 2 });
    expect(patched.schemas).toContain('urn:scim:wso2:schema');
  });
});

describe('applyPatch on group members', () => {
  test('add is a union by value', () => {
    const patched = patchGroup([
      { op: 'add', path: 'members', value: [{ value: 'u2' }, { value: 'u3', display: 'tomas' }] },
    ]);

    expect(patched.members).toEqual([
      { value: 'u1' },
      { value: 'u2' },
      { value: 'u3', display: 'tomas' },
    ]);
  });

  test('re-adding members changes nothing', () => {
    const group = storedGroup();

    const result = applyPatch(
      group,
      { Operations: [{ op: 'add', path: 'members', value: [{ value: 'u1' }] }] },
      'Group',
    );

    expect(result.resource).toEqual(group);
    expect(result.changes).toEqual([]);
  });

  test('$ref null ignored', () => {
    const patched = patchGroup([
      { op: 'Add', path: 'members', value: [{ $ref: null, value: 'u3' }] },
    ]);

    expect(patched.members).toEqual([{ value: 'u1' }, { value: 'u2' }, { value: 'u3' }]);
  });

  test('remove by filter removes that member', () => {
    expect(patchGroup([{ op: 'remove', path: 'members[value eq "u1"]' }]).members).toEqual([
      { value: 'u2' },
    ]);
  });

  test('remove by value array removes only those listed', () => {
    const patched = patchGroup(
      [{ op: 'Remove', path: 'members', value: [{ value: 'u2' }] }],
      storedGroup(['u1', 'u2', 'u3']),
    );

    expect(patched.members).toEqual([{ value: 'u1' }, { value: 'u3' }]);
  });

  test('remove of absent member is a no-op', () => {
    expect(patchGroup([{ op: 'remove', path: 'members[value eq "u9"]' }]).members).toEqual([
      { value: 'u1' },
      { value: 'u2' },
    ]);
  });

  test('remove members without value empties', () => {
    expect(patchGroup([{ op: 'remove', path: 'members' }])).not.toHaveProperty('members');
  });

  test('replace with empty list empties', () => {
    expect(patchGroup([{ op: 'replace', path: 'members', value: [] }])).not.toHaveProperty(
      'members',
    );
  });

  test('filtered remove then add in one request', () => {
    const patched = patchGroup([
      { op: 'remove', path: 'members[value eq "u1"]' },
      { op: 'add', path: 'members', value: [{ value: 'u3' }] },
    ]);

    expect(patched.members).toEqual([{ value: 'u2' }, { value: 'u3' }]);
  });

  test('add to empty group', () => {
    const patched = patchGroup(
      [{ op: 'add', path: 'members', value: [{ value: 'u1' }] }],
      storedGroup([]),
    );

    expect(patched.members).toEqual([{ value: 'u1' }]);
  });
});

describe('applyPatch errors', () => {
  test.each<[string, Record<string, unknown>, string, RegExp]>([
    ['unknown op', { op: 'move', path: 'title' }, 'invalidSyntax', /"move"/],
    ['remove without path', { op: 'remove' }, 'noTarget', /path/],
    [
      'unknown attribute',
      { op: 'add', path: 'favouriteColour', value: 'teal' },
      'invalidPath',
      /'favouriteColour'/,
    ],
    [
      'unknown sub-attribute',
      { op: 'add', path: 'name.nickname', value: 'x' },
      'invalidPath',
      /'nickname'/,
    ],
    [
      'unknown enterprise attribute',
      { op: 'add', path: `${ENTERPRISE}:shoeSize`, value: '9' },
      'invalidPath',
      /'shoeSize'/,
    ],
    [
      'unparsable path',
      { op: 'add', path: 'emails[type eq', value: 'x' },
      'invalidPath',
      /emails\[type eq/,
    ],
    [
      'filter on single-valued',
      { op: 'add', path: 'name[givenName eq "x"]', value: {} },
      'invalidPath',
      /multi-valued/,
    ],
    ['read-only id', { op: 'replace', path: 'id', value: 'u2' }, 'mutability', /'id'/],
    ['remove of core URN', { op: 'remove', path: SCHEMAS.coreUser }, 'invalidPath', /whole User/],
    ['read-only meta', { op: 'replace', path: 'meta.created', value: 'x' }, 'mutability', /'meta'/],
    [
      'read-only groups',
      { op: 'add', path: 'groups', value: [{ value: 'g1' }] },
      'mutability',
      /'groups'/,
    ],
    [
      'read-only manager name',
      { op: 'add', path: `${ENTERPRISE}:manager.displayName`, value: 'x' },
      'mutability',
      /displayName/,
    ],
    ['wrong boolean', { op: 'replace', path: 'active', value: 'nope' }, 'invalidValue', /'active'/],
    ['remove userName', { op: 'remove', path: 'userName' }, 'invalidValue', /'userName'/],
    ['path-less string value', { op: 'replace', value: 'x' }, 'invalidValue', /object/],
  ])('%s', (_name, operation, scimType, message) => {
    const error = scimErrorOf(() => patchUser([operation]));

    expect(error.status).toBe(400);
    expect(error.scimType).toBe(scimType);
    expect(error.detail).toMatch(message);
  });

  test('failed request applies nothing', () => {
    const user = storedUser();
    const snapshot = structuredClone(user);

    scimErrorOf(() =>
      patchUser(
        [
          { op: 'replace', path: 'displayName', value: 'Changed' },
          { op: 'bogus', path: 'title' },
        ],
        user,
      ),
    );

    expect(user).toEqual(snapshot);
  });

  test('input resource not mutated', () => {
    const user = storedUser();
    const snapshot = structuredClone(user);

    patchUser(
      [{ op: 'replace', path: 'emails[type eq "home"].value', value: 'x@example.org' }],
      user,
    );

    expect(user).toEqual(snapshot);
  });
});

describe('applyPatch changes', () => {
  test('lists attribute-level changes', () => {
    const result = applyPatch(
      storedUser(),
      {
        Operations: [
          { op: 'replace', path: 'name.familyName', value: 'Ward-Lind' },
          { op: 'replace', path: `${ENTERPRISE}:department`, value: 'Tide Ops' },
          { op: 'replace', path: 'active', value: false },
        ],
      },
      'User',
    );

    expect(result.changes).toEqual([
      { path: 'name.familyName', before: 'Ward', after: 'Ward-Lind' },
      { path: 'active', before: true, after: false },
      { path: `${ENTERPRISE}:department`, before: 'Field Ops', after: 'Tide Ops' },
    ]);
  });
});
