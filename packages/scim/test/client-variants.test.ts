import { describe, expect, test } from 'vitest';
import {
  applyPatch,
  checkFilterAttributes,
  parseFilter,
  parseGroup,
  parseUser,
  type FilterExpression,
} from '@scimflow/scim';
import { scimErrorOf } from './helpers.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function unquotedValue(filter: FilterExpression): string | undefined {
  if (filter.kind === 'compare') return filter.raw;
  if (filter.kind === 'and' || filter.kind === 'or') return unquotedValue(filter.left);
  return undefined;
}

describe('unquoted filter values with parentheses', () => {
  test.each([
    ['displayName Eq Tide Ops (EU)', 'Tide Ops (EU)'],
    ['displayName Eq Tide (EU) Ops', 'Tide (EU) Ops'],
    ['(displayName Eq Tide Ops (EU))', 'Tide Ops (EU)'],
    ['(displayName Eq Tide Ops)', 'Tide Ops'],
    ['displayName Eq Tide Ops (EU) and externalId eq "x"', 'Tide Ops (EU)'],
    ['displayName Eq smile :)', 'smile :)'],
  ])('%s', (text, expected) => {
    expect(unquotedValue(parseFilter(text))).toBe(expected);
  });

  test('a group still needs its closing parenthesis', () => {
    expect(scimErrorOf(() => parseFilter('(displayName Eq Tide Ops (EU)')).scimType).toBe(
      'invalidFilter',
    );
  });
});

describe('checkFilterAttributes', () => {
  test.each([
    ['User', 'userName eq "a"'],
    ['User', 'USERNAME eq "a" and Emails.Value co "b"'],
    ['User', 'emails[type eq "work" and location eq "Oslo"].value eq "a"'],
    ['User', 'not (title pr)'],
    ['User', 'meta.lastModified gt "2026-01-01T00:00:00Z"'],
    ['User', `${ENTERPRISE}:manager.value eq "u-1"`],
    ['User', 'urn:ietf:params:scim:schemas:core:2.0:User:name.givenName eq "a"'],
    ['User', 'urn:example:params:scim:schemas:extension:acme:1.0:User:level eq "3"'],
    ['Group', 'members[value eq "u-1"]'],
    ['Group', 'displayName eq "Tide Ops" or members.display sw "Ines"'],
  ] as const)('%s accepts %s', (resourceType, text) => {
    expect(() => checkFilterAttributes(parseFilter(text), resourceType)).not.toThrow();
  });

  test.each([
    ['User', 'shoeSize eq "9"', 'shoeSize'],
    ['User', 'name.shoeSize eq "9"', 'name.shoeSize'],
    ['User', 'userName.value eq "a"', 'userName'],
    ['User', 'userName[value eq "a"]', 'userName'],
    ['User', 'name[shoeSize eq "9"]', 'shoeSize'],
    ['User', 'title pr or shoe pr', 'shoe'],
    ['User', `${ENTERPRISE}:shoeSize eq "9"`, 'shoeSize'],
    ['Group', 'userName eq "a"', 'userName'],
    ['User', 'password eq "a"', 'password'],
    ['User', 'not (PassWord pr)', 'password'],
  ] as const)('%s rejects %s', (resourceType, text, named) => {
    const error = scimErrorOf(() => checkFilterAttributes(parseFilter(text), resourceType));
    expect(error.status).toBe(400);
    expect(error.scimType).toBe('invalidFilter');
    expect(error.detail).toContain(named);
  });
});

describe('blank required attributes', () => {
  test.each(['', '   ', '\t'])('userName %j', (userName) => {
    const error = scimErrorOf(() => parseUser({ userName }));
    expect(error.scimType).toBe('invalidValue');
    expect(error.detail).toContain('userName');
  });

  test('group displayName of spaces', () => {
    const error = scimErrorOf(() => parseGroup({ displayName: '  ' }));
    expect(error.scimType).toBe('invalidValue');
    expect(error.detail).toContain('displayName');
  });

  test('PATCH that blanks userName', () => {
    const user = parseUser({ userName: 'ines@example.org' });
    const patch = { Operations: [{ op: 'replace', path: 'userName', value: ' ' }] };
    const error = scimErrorOf(() => applyPatch(user, patch, 'User'));
    expect(error.scimType).toBe('invalidValue');
    expect(error.detail).toContain('userName');
  });
});

describe('multi-valued entries', () => {
  const user = () =>
    parseUser({
      userName: 'ines@example.org',
      emails: [{ value: 'ines@example.org', type: 'work', primary: true }],
      phoneNumbers: [{ value: '+15550100', type: 'work' }],
    });

  // The stored value keeps its spelling, and sub-attributes the client sends are updated.
  test.each([
    ['INES@example.org', 'work', 'work'],
    ['ines@example.org', undefined, 'work'],
    ['Ines@Example.org', 'WORK', 'WORK'],
  ])('add of existing email %s type %s', (value, type, storedType) => {
    const patch = { Operations: [{ op: 'add', path: 'emails', value: [{ value, type }] }] };
    const { resource } = applyPatch(user(), patch, 'User');
    expect(resource.emails).toEqual([
      { value: 'ines@example.org', type: storedType, primary: true },
    ]);
  });

  test('add of a number under another type', () => {
    const patch = {
      Operations: [
        { op: 'add', path: 'phoneNumbers', value: [{ value: '+15550100', type: 'mobile' }] },
      ],
    };
    const { resource } = applyPatch(user(), patch, 'User');
    expect(resource.phoneNumbers).toHaveLength(2);
  });

  test('one primary kept from a body', () => {
    const parsed = parseUser({
      userName: 'ines@example.org',
      emails: [
        { value: 'a@example.org', primary: 'true' },
        { value: 'b@example.org', primary: true },
        { value: 'c@example.org', primary: true },
      ],
    });
    expect(parsed.emails).toEqual([
      { value: 'a@example.org', primary: true },
      { value: 'b@example.org' },
      { value: 'c@example.org' },
    ]);
  });
});

describe('entry removal and implicit primary', () => {
  const twoEmails = () =>
    parseUser({
      userName: 'ines@example.org',
      emails: [
        { value: 'a@example.org', type: 'work', primary: true },
        { value: 'b@example.org', type: 'home' },
      ],
    });

  test.each([
    ['emails[type eq "work"].value', [{ value: 'b@example.org', type: 'home' }]],
    [
      'emails[value eq "B@example.org"].value',
      [{ value: 'a@example.org', type: 'work', primary: true }],
    ],
    [
      'emails[type eq "home"].type',
      [{ value: 'a@example.org', type: 'work', primary: true }, { value: 'b@example.org' }],
    ],
  ])('remove %s', (path, expected) => {
    const { resource } = applyPatch(twoEmails(), { Operations: [{ op: 'remove', path }] }, 'User');
    expect(resource.emails).toEqual(expected);
  });

  test.each([
    ['c@example.org', undefined],
    [['c@example.org'], undefined],
    [[{ value: 'c@example.org', primary: true }], true],
    [[{ value: 'c@example.org', Primary: 'True' }], true],
  ])('add %j sets primary %s', (value, primary) => {
    const { resource } = applyPatch(
      twoEmails(),
      { Operations: [{ op: 'add', path: 'emails', value }] },
      'User',
    );
    const added = (resource.emails as { value: string; primary?: boolean }[]).find(
      (entry) => entry.value === 'c@example.org',
    );
    expect(added?.primary).toBe(primary);
  });

  test('SCIM 1.1 core URN on a Group', () => {
    const group = parseGroup({ schemas: ['urn:scim:schemas:core:1.0'], displayName: 'Tide Ops' });
    expect(group.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:Group']);
  });
});

describe('secret values in errors', () => {
  test.each([[['s3cret-a']], [{ text: 's3cret-b' }]])('password %j on create', (password) => {
    const error = scimErrorOf(() => parseUser({ userName: 'ines', password }));
    expect(error.scimType).toBe('invalidValue');
    expect(error.detail).toContain('password');
    expect(error.detail).not.toContain('s3cret');
  });

  test('password array in a PATCH', () => {
    const patch = { Operations: [{ op: 'replace', path: 'password', value: ['s3cret-c'] }] };
    const error = scimErrorOf(() => applyPatch(parseUser({ userName: 'ines' }), patch, 'User'));
    expect(error.detail).toContain('a value of type array');
    expect(error.detail).not.toContain('s3cret');
  });

  test('other string attributes still show the value', () => {
    const error = scimErrorOf(() => parseUser({ userName: 'ines', title: ['Lead'] }));
    expect(error.detail).toContain('["Lead"]');
  });
});
