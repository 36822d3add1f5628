import { describe, expect, test } from 'vitest';
import {
  evaluateFilter,
  findEqualityLookup,
  parseFilter,
  parseGroup,
  parseUser,
  SCHEMAS,
} from '@scimflow/scim';
import { asStored, scimErrorOf } from './helpers.js';

const user = {
  ...asStored(
    parseUser({
      userName: 'Ines.Ward@example.org',
      externalId: 'Ext-7',
      displayName: 'Ines Ward',
      active: true,
      title: 'Engineer',
      name: { givenName: 'Ines', familyName: 'Ward' },
      emails: [
        { type: 'work', value: 'Ines.Ward@Example.org', primary: true },
        { type: 'home', value: 'ines@home.example' },
      ],
      [SCHEMAS.enterpriseUser]: { department: 'Tide Ops', manager: { value: 'u-77' } },
      'urn:scim:schemas:extension:custom:User': { badge: 'B-1' },
    }),
  ),
  id: 'Id-1',
  meta: {
    resourceType: 'User',
    created: '2024-03-04T09:15:00Z',
    lastModified: '2024-05-20T14:02:00.000+02:00',
  },
};

const group = {
  ...asStored(parseGroup({ displayName: 'Tide Ops', members: [{ value: 'u1' }, { value: 'u2' }] })),
  id: 'g1',
};

describe('evaluateFilter on a User', () => {
  test.each<[string, boolean]>([
    ['userName eq "ines.ward@example.org"', true],
    ['userName eq "INES.WARD@EXAMPLE.ORG"', true],
    ['USERNAME eq "ines.ward@example.org"', true],
    ['username EQ "ines.ward@example.org"', true],
    ['userName Eq ines.ward@example.org', true],
    ['userName eq "someone@example.org"', false],
    ['userName ne "someone@example.org"', true],
    ['userName ne "ines.ward@example.org"', false],
    ['userName co "WARD"', true],
    ['userName sw "ines"', true],
    ['userName ew "example.org"', true],
    ['userName ew "example"', false],
    ['userName gt "a"', true],
    ['userName lt "a"', false],
    ['userName ge "ines.ward@example.org"', true],
    ['userName le "INES.WARD@example.org"', true],
    ['id eq "Id-1"', true],
    ['id eq "id-1"', false],
    ['externalId eq "Ext-7"', true],
    ['externalId eq "ext-7"', false],
    ['displayName eq "ines ward"', true],
    ['title pr', true],
    ['nickName pr', false],
    ['nickName ne "x"', true],
    ['nickName eq "x"', false],
    ['nickName eq null', true],
    ['title eq null', false],
    ['active eq true', true],
    ['active eq false', false],
    ['active eq "True"', true],
    ['active ne false', true],
    ['name.givenName eq "ines"', true],
    ['NAME.givenname eq "INES"', true],
    ['name.middleName pr', false],
    ['emails.value eq "ines.ward@example.org"', true],
    ['Emails.Value eq "INES@HOME.EXAMPLE"', true],
    ['emails eq "ines@home.example"', true],
    ['emails pr', true],
    ['phoneNumbers pr', false],
    ['emails[type eq "work"]', true],
    ['emails[type eq "other"]', false],
    ['emails[type eq "work" and primary eq true]', true],
    ['emails[type eq "home" and primary eq true]', false],
    ['emails[type eq "work"].value eq "ines.ward@example.org"', true],
    ['emails[type eq "home"].value eq "ines.ward@example.org"', false],
    ['emails[TYPE Eq work].VALUE eq ines.ward@example.org', true],
    [`${SCHEMAS.enterpriseUser}:department eq "tide ops"`, true],
    [`${SCHEMAS.enterpriseUser}:department eq Tide Ops`, true],
    [`${SCHEMAS.enterpriseUser.toUpperCase()}:DEPARTMENT eq "Tide Ops"`, true],
    [`${SCHEMAS.enterpriseUser}:manager.value eq "u-77"`, true],
    [`${SCHEMAS.enterpriseUser}:costCenter pr`, false],
    [`${SCHEMAS.coreUser}:userName eq "ines.ward@example.org"`, true],
    ['urn:scim:schemas:extension:custom:User:badge eq "b-1"', true],
    ['meta.created gt "2024-01-01T00:00:00Z"', true],
    ['meta.created lt "2024-03-04T10:15:00+02:00"', false],
    ['meta.created ge "2024-03-04T11:15:00+02:00"', true],
    ['meta.lastModified eq "2024-05-20T12:02:00Z"', true],
    ['meta.lastModified gt "2024-05-20T12:02:01Z"', false],
    ['favouriteColour eq "teal"', false],
  ])('%s is %s', (text, expected) => {
    expect(evaluateFilter(parseFilter(text), user, 'User')).toBe(expected);
  });
});

describe('evaluateFilter logic', () => {
  test.each<[string, boolean]>([
    ['userName eq "x" or active eq true', true],
    ['userName eq "x" and active eq true', false],
    ['active eq true and title eq "engineer"', true],
    ['userName eq "x" or title eq "x" or active eq true', true],
    ['userName eq "x" or active eq true and title eq "x"', false],
    ['(userName eq "x" or active eq true) and title eq "engineer"', true],
    ['not (userName eq "x")', true],
    ['not (active eq true)', false],
    ['not (userName eq "x" or active eq true)', false],
    ['active eq true and not (title eq "x")', true],
  ])('%s is %s', (text, expected) => {
    expect(evaluateFilter(parseFilter(text), user, 'User')).toBe(expected);
  });
});

describe('evaluateFilter on a Group', () => {
  test.each<[string, boolean]>([
    ['displayName eq "tide ops"', true],
    ['displayName Eq Tide Ops', true],
    ['displayName Eq Tide', false],
    ['members[value eq "u2"]', true],
    ['members[value eq "u3"]', false],
    ['members.value eq "u1"', true],
    ['members eq "u1"', true],
    ['userName eq "Tide Ops"', false],
  ])('%s is %s', (text, expected) => {
    expect(evaluateFilter(parseFilter(text), group, 'Group')).toBe(expected);
  });
});

describe('evaluateFilter errors', () => {
  test.each(['active gt true', 'active co "t"', 'active sw "t"'])(
    '%s rejects boolean ordering',
    (text) => {
      const error = scimErrorOf(() => evaluateFilter(parseFilter(text), user, 'User'));

      expect(error.scimType).toBe('invalidFilter');
      expect(error.detail).toContain("'active'");
    },
  );
});

describe('findEqualityLookup', () => {
  test.each([
    ['userName eq "ines"', { attribute: 'userName', value: 'ines', caseExact: false }],
    [
      'USERNAME Eq ines.ward@example.org',
      { attribute: 'userName', value: 'ines.ward@example.org', caseExact: false },
    ],
    ['externalId eq "Ext-7"', { attribute: 'externalId', value: 'Ext-7', caseExact: true }],
    ['id eq "u1"', { attribute: 'id', value: 'u1', caseExact: true }],
    ['displayName Eq Tide Ops', { attribute: 'displayName', value: 'Tide Ops', caseExact: false }],
    [
      'emails.value eq "a@x.org"',
      { attribute: 'emails.value', value: 'a@x.org', caseExact: false },
    ],
    [
      'emails[type eq "work"].value eq "a@x.org"',
      { attribute: 'emails.value', value: 'a@x.org', caseExact: false },
    ],
    [
      'userName eq "ines" and externalId eq "E"',
      { attribute: 'userName', value: 'ines', caseExact: false },
    ],
    [
      'active eq true and externalId eq "E"',
      { attribute: 'externalId', value: 'E', caseExact: true },
    ],
    [
      `${SCHEMAS.coreUser}:userName eq "ines"`,
      { attribute: 'userName', value: 'ines', caseExact: false },
    ],
    ['userName eq 007', { attribute: 'userName', value: '007', caseExact: false }],
  ])('%s', (text, expected) => {
    expect(findEqualityLookup(parseFilter(text))).toEqual(expected);
  });

  test.each([
    'userName eq "a" or userName eq "b"',
    'not (userName eq "a")',
    'userName sw "a"',
    'title eq "x"',
    'userName pr',
    'userName eq null',
    `${SCHEMAS.enterpriseUser}:department eq "x"`,
  ])('none for %s', (text) => {
    expect(findEqualityLookup(parseFilter(text))).toBeUndefined();
  });
});
