import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userBody } from './support/scim-client.js';
import { startServer, type TestServer } from './support/test-server.js';
import {
  CORE_USER_URN,
  ENTERPRISE_URN,
  expectScimError,
  variantClient,
  type VariantClient,
} from './support/scim-variants.js';

// An extension this server does not model: its attributes are stored as sent and can be filtered.
const ACME_URN = 'urn:example:params:scim:schemas:extension:acme:1.0:User';

let server: TestServer;
let c: VariantClient;
let tomasId: string;

beforeAll(async () => {
  server = await startServer();
  c = await variantClient(server, 'lists');
  await c.createUser(
    userBody('ines.ward@example.org', {
      externalId: 'EXT-Ines',
      title: 'Lead',
      emails: [
        { value: 'ines.ward@example.org', type: 'work', primary: true },
        { value: 'ines@home.example', type: 'home' },
      ],
      [ENTERPRISE_URN]: { department: 'Tide Ops', manager: { value: 'u-77' } },
    }),
  );
  tomasId = await c.createUser(
    userBody('tomas.rydell@example.org', {
      externalId: 'EXT-Tomas',
      active: false,
      [ENTERPRISE_URN]: { department: 'Harbour' },
      [ACME_URN]: { level: '3' },
    }),
  );
  await c.createUser(
    userBody('ada@example.org', { emails: [{ value: 'ada@example.org', type: 'home' }] }),
  );
});

afterAll(async () => {
  await server.close();
  server.removeData();
});

describe('filter variants', () => {
  it.each([
    ['emails.value eq "ines@home.example"', ['ines.ward@example.org']],
    ['emails[type eq "work"].value eq "ines.ward@example.org"', ['ines.ward@example.org']],
    ['emails[type eq "home" and value co "ada"]', ['ada@example.org']],
    ['emails[type eq "work"]', ['ines.ward@example.org', 'tomas.rydell@example.org']],
    ['not (userName eq "ada@example.org")', ['ines.ward@example.org', 'tomas.rydell@example.org']],
    ['NOT(active eq true)', ['tomas.rydell@example.org']],
    ['title pr', ['ines.ward@example.org']],
    ['not (title pr)', ['tomas.rydell@example.org', 'ada@example.org']],
    [
      'userName sw "INES" or userName ew "ada@example.org"',
      ['ines.ward@example.org', 'ada@example.org'],
    ],
    [
      '(userName eq "ada@example.org" or userName eq "tomas.rydell@example.org") and active eq true',
      ['ada@example.org'],
    ],
    [
      'userName eq "ada@example.org" or userName eq "tomas.rydell@example.org" and active eq true',
      ['ada@example.org'],
    ],
    [`${CORE_USER_URN}:userName eq "ines.ward@example.org"`, ['ines.ward@example.org']],
    [`${ENTERPRISE_URN}:department eq "harbour"`, ['tomas.rydell@example.org']],
    [`${ENTERPRISE_URN}:manager.value eq "u-77"`, ['ines.ward@example.org']],
    [
      `${ENTERPRISE_URN.toLowerCase()}:Department pr`,
      ['ines.ward@example.org', 'tomas.rydell@example.org'],
    ],
    ['externalId eq "EXT-Tomas"', ['tomas.rydell@example.org']],
    ['externalId eq "ext-tomas"', []],
    ['userName Eq ines.ward@example.org and active Eq true', ['ines.ward@example.org']],
    ['active eq "false"', ['tomas.rydell@example.org']],
    [
      'meta.lastModified gt "2000-01-01T00:00:00Z"',
      ['ines.ward@example.org', 'tomas.rydell@example.org', 'ada@example.org'],
    ],
    ['meta.lastModified gt "2999-01-01T00:00:00Z"', []],
    [
      'meta.created le "2999-01-01T00:00:00.000Z"',
      ['ines.ward@example.org', 'tomas.rydell@example.org', 'ada@example.org'],
    ],
    [
      'meta.resourceType eq "User" and name.familyName eq "ward"',
      ['ines.ward@example.org', 'tomas.rydell@example.org', 'ada@example.org'],
    ],
    ['userName ne "ada@example.org" and emails.type eq "home"', ['ines.ward@example.org']],
  ])('%s', async (filter, expected) => {
    expect(await c.userNamesMatching(filter)).toEqual(expected);
  });

  it('filter on an extension that is not modelled', async () => {
    expect(await c.userNamesMatching(`${ACME_URN}:level eq "3"`)).toEqual([
      'tomas.rydell@example.org',
    ]);
    expect(await c.userNamesMatching(`${ACME_URN}:rank pr`)).toEqual([]);
  });

  it('filter on a sub-attribute clients add to emails', async () => {
    expect(await c.userNamesMatching('emails.location eq "Oslo"')).toEqual([]);
  });

  it('filter by id', async () => {
    expect(await c.userNamesMatching(`id eq "${tomasId}"`)).toEqual(['tomas.rydell@example.org']);
  });

  it.each([
    'shoeSize eq "9"',
    'name.shoeSize eq "9"',
    'userName.value eq "a"',
    'password eq "secret"',
    'userName[value eq "a"]',
    'name[shoeSize eq "9"]',
    'not (nickname pr) and shoe pr',
    `${ENTERPRISE_URN}:shoeSize eq "9"`,
    'userName eq',
    'userName eq "a" and',
    'emails[type eq "work"',
    'userName regex "a.*"',
    '(userName eq "a"',
  ])('invalid filter %s', async (filter) => {
    const response = await c.get(`${c.endpoint.usersUrl}?filter=${encodeURIComponent(filter)}`);
    expectScimError(response, 400, 'invalidFilter');
  });
});

describe('pagination variants', () => {
  it('startIndex beyond the total', async () => {
    const response = await c.get(`${c.endpoint.usersUrl}?startIndex=10&count=5`);
    expect(response.status).toBe(200);
    expect(response.body.totalResults).toBe(3);
    expect(response.body.startIndex).toBe(10);
    expect(response.body.itemsPerPage).toBe(0);
    expect(response.body.Resources ?? []).toEqual([]);
  });

  it('startIndex beyond the total with a filter', async () => {
    const filter = encodeURIComponent('userName pr');
    const response = await c.get(`${c.endpoint.usersUrl}?filter=${filter}&startIndex=4`);
    expect(response.body.totalResults).toBe(3);
    expect(response.body.itemsPerPage).toBe(0);
  });

  it('count=0 returns only the total', async () => {
    const response = await c.get(`${c.endpoint.usersUrl}?count=0`);
    expect(response.status).toBe(200);
    expect(response.body.totalResults).toBe(3);
    expect(response.body.itemsPerPage).toBe(0);
    expect(response.body.Resources ?? []).toEqual([]);
  });

  it('count=0 with a filter', async () => {
    const filter = encodeURIComponent('active eq true');
    const response = await c.get(`${c.endpoint.usersUrl}?filter=${filter}&count=0`);
    expect(response.body.totalResults).toBe(2);
    expect(response.body.itemsPerPage).toBe(0);
  });

  it('startIndex=0 and a negative count', async () => {
    const response = await c.get(`${c.endpoint.usersUrl}?startIndex=0&count=-5`);
    expect(response.status).toBe(200);
    expect(response.body.startIndex).toBe(1);
    expect(response.body.itemsPerPage).toBe(0);
  });

  it('pages in order without overlap', async () => {
    const names: string[] = [];
    for (const start of [1, 2, 3]) {
      const response = await c.get(`${c.endpoint.usersUrl}?startIndex=${start}&count=1`);
      expect(response.body.itemsPerPage).toBe(1);
      names.push(response.body.Resources[0].userName);
    }
    expect(names).toEqual(['ines.ward@example.org', 'tomas.rydell@example.org', 'ada@example.org']);
  });

  it('startIndex beyond the safe integers', async () => {
    for (const url of [c.endpoint.usersUrl, c.endpoint.usersUrl.replace(/Users$/, 'Groups')]) {
      const response = await c.get(`${url}?startIndex=99999999999999999999&count=2`);
      expect(response.status, response.text).toBe(200);
      expect(response.body.itemsPerPage).toBe(0);
      expect(Number.isSafeInteger(response.body.startIndex)).toBe(true);
    }

    const filter = encodeURIComponent('userName pr');
    const filtered = await c.get(`${c.endpoint.usersUrl}?filter=${filter}&startIndex=1e30`);
    expect(filtered.status, filtered.text).toBe(200);
    expect(filtered.body.totalResults).toBe(3);
  });

  it('count beyond the safe integers', async () => {
    const response = await c.get(`${c.endpoint.usersUrl}?count=99999999999999999999`);
    expect(response.status, response.text).toBe(200);
    expect(response.body.itemsPerPage).toBe(3);
  });

  it('count that is no integer', async () => {
    expectScimError(await c.get(`${c.endpoint.usersUrl}?count=ten`), 400, 'invalidValue');
  });
});

describe('attributes variants', () => {
  it('URN-qualified core name', async () => {
    const response = await c.get(
      `${c.endpoint.usersUrl}?count=1&attributes=${CORE_USER_URN}:userName`,
    );
    const [user] = response.body.Resources;
    expect(user.userName).toBe('ines.ward@example.org');
    expect(user.id).toBeDefined();
    expect(user.emails).toBeUndefined();
    expect(user.name).toBeUndefined();
  });

  it('URN-qualified extension attribute', async () => {
    const response = await c.get(
      `${c.endpoint.usersUrl}?count=1&attributes=${ENTERPRISE_URN}:department,userName`,
    );
    const [user] = response.body.Resources;
    expect(user[ENTERPRISE_URN]).toEqual({ department: 'Tide Ops' });
    expect(user.userName).toBe('ines.ward@example.org');
    expect(user.title).toBeUndefined();
  });

  it('sub-attribute and other case', async () => {
    const response = await c.get(
      `${c.endpoint.usersUrl}?count=1&attributes=NAME.givenname,Emails.Value`,
    );
    const [user] = response.body.Resources;
    expect(user.name).toEqual({ givenName: 'Ines' });
    expect(user.emails).toEqual([
      { value: 'ines.ward@example.org' },
      { value: 'ines@home.example' },
    ]);
    expect(user.active).toBeUndefined();
  });

  it('excludedAttributes with an extension URN', async () => {
    const response = await c.get(
      `${c.endpoint.usersUrl}?count=1&excludedAttributes=${ENTERPRISE_URN},emails`,
    );
    const [user] = response.body.Resources;
    expect(user[ENTERPRISE_URN]).toBeUndefined();
    expect(user.emails).toBeUndefined();
    expect(user.userName).toBe('ines.ward@example.org');
  });

  it('attributes with a spaced list', async () => {
    const response = await c.get(
      `${c.endpoint.usersUrl}?count=1&attributes=${encodeURIComponent('userName, title')}`,
    );
    const [user] = response.body.Resources;
    expect(user.userName).toBe('ines.ward@example.org');
    expect(user.title).toBe('Lead');
  });
});
