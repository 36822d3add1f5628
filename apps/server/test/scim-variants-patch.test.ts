import { describe, expect, it } from 'vitest';
import { userBody } from './support/scim-client.js';
import { useTestServer } from './support/test-server.js';
import {
  CORE_USER_URN,
  ENTERPRISE_URN,
  expectScimError,
  PATCH_URN,
  variantClient,
  type VariantClient,
} from './support/scim-variants.js';

const testServer = useTestServer();

/** Creates an endpoint with one user and returns the client and the user's URL. */
async function withUser(
  extra: Record<string, unknown> = {},
): Promise<{ c: VariantClient; url: string }> {
  const c = await variantClient(testServer(), 'patch');
  const id = await c.createUser(userBody('ines.ward@example.org', extra));
  return { c, url: `${c.endpoint.usersUrl}/${id}` };
}

describe('PATCH paths', () => {
  it('enterprise manager.value by URN path', async () => {
    const { c, url } = await withUser();
    const response = await c.patch(url, {
      op: 'replace',
      path: `${ENTERPRISE_URN}:manager.value`,
      value: 'u-77',
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body[ENTERPRISE_URN]?.manager).toEqual({ value: 'u-77' });
    expect(response.body.schemas).toContain(ENTERPRISE_URN);
  });

  it('enterprise manager as a bare string with add', async () => {
    const { c, url } = await withUser();
    const response = await c.patch(url, {
      op: 'Add',
      path: `${ENTERPRISE_URN}:manager`,
      value: 'u-12',
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body[ENTERPRISE_URN]?.manager).toEqual({ value: 'u-12' });
  });

  it('URN path in other case', async () => {
    const { c, url } = await withUser();
    const response = await c.patch(url, {
      op: 'replace',
      path: `${ENTERPRISE_URN.toLowerCase()}:DEPARTMENT`,
      value: 'Tide Ops',
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body[ENTERPRISE_URN]).toEqual({ department: 'Tide Ops' });
  });

  it('remove an enterprise attribute', async () => {
    const { c, url } = await withUser({
      [ENTERPRISE_URN]: { department: 'Tide Ops', costCenter: 'CC1' },
    });
    const response = await c.patch(url, { op: 'remove', path: `${ENTERPRISE_URN}:department` });
    expect(response.status, response.text).toBe(200);
    expect(response.body[ENTERPRISE_URN]).toEqual({ costCenter: 'CC1' });
  });

  it('remove the last enterprise attribute', async () => {
    const { c, url } = await withUser({ [ENTERPRISE_URN]: { department: 'Tide Ops' } });
    const response = await c.patch(url, { op: 'remove', path: `${ENTERPRISE_URN}:department` });
    expect(response.status, response.text).toBe(200);
    expect(response.body[ENTERPRISE_URN]).toBeUndefined();
    expect(response.body.schemas).toEqual([CORE_USER_URN]);
  });

  it('URN-qualified core attribute path', async () => {
    const { c, url } = await withUser();
    const response = await c.patch(url, {
      op: 'replace',
      path: `${CORE_USER_URN}:name.familyName`,
      value: 'Rydell',
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.name).toEqual({ givenName: 'Ines', familyName: 'Rydell' });
  });

  it('sub-attribute path in other case', async () => {
    const { c, url } = await withUser();
    const response = await c.patch(url, { op: 'REPLACE', path: 'NAME.GivenName', value: 'Ina' });
    expect(response.status, response.text).toBe(200);
    expect(response.body.name.givenName).toBe('Ina');
  });

  it('mobile phone filter path creates then updates', async () => {
    const { c, url } = await withUser({ phoneNumbers: [{ value: '+15550100', type: 'work' }] });
    const first = await c.patch(url, {
      op: 'Add',
      path: 'phoneNumbers[type eq "mobile"].value',
      value: '+15550199',
    });
    expect(first.status, first.text).toBe(200);
    expect(first.body.phoneNumbers).toEqual([
      { value: '+15550100', type: 'work' },
      { value: '+15550199', type: 'mobile' },
    ]);

    const second = await c.patch(url, {
      op: 'Replace',
      path: 'phoneNumbers[type eq "mobile"].value',
      value: '+15550200',
    });
    expect(second.body.phoneNumbers).toEqual([
      { value: '+15550100', type: 'work' },
      { value: '+15550200', type: 'mobile' },
    ]);
  });

  it('work address postalCode filter path', async () => {
    const { c, url } = await withUser();
    const response = await c.patch(url, {
      op: 'replace',
      path: 'addresses[type eq "work"].postalCode',
      value: '10115',
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.addresses).toEqual([{ type: 'work', postalCode: '10115' }]);
  });

  it('filter path with and', async () => {
    const { c, url } = await withUser({
      emails: [
        { value: 'a@example.org', type: 'work', primary: false },
        { value: 'b@example.org', type: 'work', primary: true },
      ],
    });
    const response = await c.patch(url, {
      op: 'replace',
      path: 'emails[type eq "work" and primary eq true].value',
      value: 'c@example.org',
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.emails).toEqual([
      { value: 'a@example.org', type: 'work', primary: false },
      { value: 'c@example.org', type: 'work', primary: true },
    ]);
  });

  it('remove by value filter', async () => {
    const { c, url } = await withUser({
      emails: [
        { value: 'a@example.org', type: 'work' },
        { value: 'b@example.org', type: 'home' },
      ],
    });
    const response = await c.patch(url, { op: 'remove', path: 'emails[type eq "home"]' });
    expect(response.status, response.text).toBe(200);
    expect(response.body.emails).toEqual([{ value: 'a@example.org', type: 'work' }]);
  });

  it('remove with a filter that matches nothing', async () => {
    const { c, url } = await withUser();
    const response = await c.patch(url, { op: 'remove', path: 'emails[type eq "home"]' });
    // RFC 7644 §3.5.2.2 leaves this to the server; a remove of nothing is a no-op for every client.
    expect([200, 400]).toContain(response.status);
    if (response.status === 400) expectScimError(response, 400, 'noTarget');
  });

  it('replace of a whole multi-valued attribute', async () => {
    const { c, url } = await withUser();
    const response = await c.patch(url, {
      op: 'replace',
      path: 'emails',
      value: [{ value: 'new@example.org', primary: 'true' }],
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.emails).toEqual([{ value: 'new@example.org', primary: true }]);
  });

  it('remove without path', async () => {
    const { c, url } = await withUser();
    expectScimError(await c.patch(url, { op: 'remove' }), 400, 'noTarget');
  });

  it('unknown attribute path', async () => {
    const { c, url } = await withUser();
    expectScimError(
      await c.patch(url, { op: 'replace', path: 'shoeSize', value: '9' }),
      400,
      'invalidPath',
    );
  });

  it('unparsable path', async () => {
    const { c, url } = await withUser();
    expectScimError(
      await c.patch(url, { op: 'replace', path: 'emails[type eq "work"', value: 'x' }),
      400,
      'invalidPath',
    );
  });

  it('read-only id by path', async () => {
    const { c, url } = await withUser();
    expectScimError(
      await c.patch(url, { op: 'replace', path: 'id', value: 'x' }),
      400,
      'mutability',
    );
  });

  it('remove of required userName', async () => {
    const { c, url } = await withUser();
    const response = await c.patch(url, { op: 'remove', path: 'userName' });
    expect(response.status).toBe(400);
    expect(response.body.status).toBe('400');
    expect(['mutability', 'invalidValue']).toContain(response.body.scimType);
  });
});

describe('path-less PATCH', () => {
  it('dotted and URN keys in one value', async () => {
    const { c, url } = await withUser();
    const response = await c.patch(url, {
      op: 'replace',
      value: {
        'name.givenName': 'Ina',
        [`${ENTERPRISE_URN}:employeeNumber`]: '7',
        [`${ENTERPRISE_URN}:manager.value`]: 'u-3',
        title: 'Lead',
      },
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.name).toEqual({ givenName: 'Ina', familyName: 'Ward' });
    expect(response.body.title).toBe('Lead');
    expect(response.body[ENTERPRISE_URN]).toEqual({
      employeeNumber: '7',
      manager: { value: 'u-3' },
    });
  });

  it('extension object under its URN key', async () => {
    const { c, url } = await withUser({ [ENTERPRISE_URN]: { costCenter: 'CC1' } });
    const response = await c.patch(url, {
      op: 'add',
      value: { [ENTERPRISE_URN]: { department: 'Tide Ops', Manager: { Value: 'u-4' } } },
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body[ENTERPRISE_URN]).toEqual({
      costCenter: 'CC1',
      department: 'Tide Ops',
      manager: { value: 'u-4' },
    });
  });

  it('name object merges on add', async () => {
    const { c, url } = await withUser();
    const response = await c.patch(url, { op: 'add', value: { name: { middleName: 'M' } } });
    expect(response.status, response.text).toBe(200);
    expect(response.body.name).toEqual({ givenName: 'Ines', familyName: 'Ward', middleName: 'M' });
  });

  it('value that is no object', async () => {
    const { c, url } = await withUser();
    expectScimError(await c.patch(url, { op: 'replace', value: 'x' }), 400, 'invalidValue');
  });

  it('active string and userName together', async () => {
    const { c, url } = await withUser();
    const response = await c.patch(url, {
      op: 'replace',
      value: { active: 'false', userName: 'ines.rydell@example.org' },
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.active).toBe(false);
    expect(response.body.userName).toBe('ines.rydell@example.org');
  });
});

describe('PatchOp envelope', () => {
  it('missing Operations', async () => {
    const { c, url } = await withUser();
    const response = await c.send('PATCH', url, { schemas: [PATCH_URN] });
    expectScimError(response, 400, 'invalidSyntax');
  });

  it('operations key in other case', async () => {
    const { c, url } = await withUser();
    const response = await c.send('PATCH', url, {
      schemas: [PATCH_URN],
      operations: [{ OP: 'replace', PATH: 'title', VALUE: 'Lead' }],
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.title).toBe('Lead');
  });

  it('one failing operation rolls back the rest', async () => {
    const { c, url } = await withUser();
    const response = await c.patch(
      url,
      { op: 'replace', path: 'title', value: 'Lead' },
      { op: 'replace', path: 'active', value: 'maybe' },
    );
    expectScimError(response, 400, 'invalidValue');
    const read = await c.get(url);
    expect(read.body.title).toBeUndefined();
  });
});

describe('multi-valued add', () => {
  it('re-adding an email in other case', async () => {
    const { c, url } = await withUser();
    const response = await c.patch(url, {
      op: 'add',
      path: 'emails',
      value: [{ value: 'INES.WARD@example.org', type: 'work' }],
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.emails).toEqual([
      { value: 'ines.ward@example.org', type: 'work', primary: true },
    ]);
  });

  it('re-adding an email marks it primary', async () => {
    const { c, url } = await withUser({
      emails: [
        { value: 'a@example.org', type: 'work', primary: true },
        { value: 'b@example.org', type: 'home' },
      ],
    });
    const response = await c.patch(url, {
      op: 'add',
      path: 'emails',
      value: [{ value: 'b@example.org', primary: true }],
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.emails).toEqual([
      { value: 'a@example.org', type: 'work' },
      { value: 'b@example.org', type: 'home', primary: true },
    ]);
  });

  it('same number as work and mobile', async () => {
    const { c, url } = await withUser({ phoneNumbers: [{ value: '+15550100', type: 'work' }] });
    const response = await c.patch(url, {
      op: 'add',
      path: 'phoneNumbers',
      value: [{ value: '+15550100', type: 'mobile' }],
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.phoneNumbers).toEqual([
      { value: '+15550100', type: 'work' },
      { value: '+15550100', type: 'mobile' },
    ]);
  });

  it('new primary email clears the old one', async () => {
    const { c, url } = await withUser();
    const response = await c.patch(url, {
      op: 'add',
      path: 'emails',
      value: [{ value: 'b@example.org', type: 'home', primary: true }],
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.emails).toEqual([
      { value: 'ines.ward@example.org', type: 'work' },
      { value: 'b@example.org', type: 'home', primary: true },
    ]);
  });

  it('remove by value array in other case', async () => {
    const { c, url } = await withUser();
    const response = await c.patch(url, {
      op: 'remove',
      path: 'emails',
      value: [{ value: 'Ines.Ward@Example.org' }],
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.emails).toBeUndefined();
  });

  it('replace and clear with empty values', async () => {
    const { c, url } = await withUser({ title: 'Lead', nickName: 'In' });
    const response = await c.patch(
      url,
      { op: 'replace', path: 'title', value: '' },
      { op: 'Replace', path: 'nickName', value: null },
    );
    expect(response.status, response.text).toBe(200);
    expect(response.body.title).toBeUndefined();
    expect(response.body.nickName).toBeUndefined();
  });

  it('userName to its own other case', async () => {
    const { c, url } = await withUser();
    const response = await c.patch(url, {
      op: 'replace',
      path: 'userName',
      value: 'Ines.Ward@example.org',
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.userName).toBe('Ines.Ward@example.org');
  });
});

describe('entry sub-attribute variants', () => {
  it('remove of a filtered entry value', async () => {
    const { c, url } = await withUser({
      emails: [
        { value: 'a@example.org', type: 'work', primary: true },
        { value: 'b@example.org', type: 'home' },
      ],
    });
    const response = await c.patch(url, { op: 'Remove', path: 'emails[type eq "work"].value' });
    expect(response.status, response.text).toBe(200);
    expect(response.body.emails).toEqual([{ value: 'b@example.org', type: 'home' }]);
  });

  it('remove of a value selected by value', async () => {
    const { c, url } = await withUser({ phoneNumbers: [{ value: '+15550100', type: 'work' }] });
    const response = await c.patch(url, {
      op: 'remove',
      path: 'phoneNumbers[value eq "+15550100"].value',
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.phoneNumbers).toBeUndefined();
  });

  it('remove of another entry sub-attribute', async () => {
    const { c, url } = await withUser();
    const response = await c.patch(url, { op: 'remove', path: 'emails[type eq "work"].primary' });
    expect(response.status, response.text).toBe(200);
    expect(response.body.emails).toEqual([{ value: 'ines.ward@example.org', type: 'work' }]);
  });

  it('address sub-attributes in one request', async () => {
    const { c, url } = await withUser();
    const response = await c.patch(
      url,
      { op: 'Add', path: 'addresses[type eq "work"].streetAddress', value: '1 Quay Road' },
      { op: 'Add', path: 'addresses[type eq "work"].locality', value: 'Oslo' },
      { op: 'Add', path: 'addresses[type eq "work"].country', value: 'NO' },
    );
    expect(response.status, response.text).toBe(200);
    expect(response.body.addresses).toEqual([
      { type: 'work', streetAddress: '1 Quay Road', locality: 'Oslo', country: 'NO' },
    ]);
  });

  it('bare-string add keeps the old primary', async () => {
    const { c, url } = await withUser();
    const response = await c.patch(url, { op: 'add', path: 'emails', value: 'c@example.org' });
    expect(response.status, response.text).toBe(200);
    expect(response.body.emails).toEqual([
      { value: 'ines.ward@example.org', type: 'work', primary: true },
      { value: 'c@example.org' },
    ]);
  });

  it('bare-string replace is primary', async () => {
    const { c, url } = await withUser();
    const response = await c.patch(url, {
      op: 'replace',
      path: 'emails',
      value: ['c@example.org'],
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.emails).toEqual([{ value: 'c@example.org', primary: true }]);
  });

  it('manager cleared three ways', async () => {
    for (const operation of [
      { op: 'Replace', path: `${ENTERPRISE_URN}:manager`, value: '' },
      { op: 'Remove', path: `${ENTERPRISE_URN}:manager` },
      { op: 'replace', path: `${ENTERPRISE_URN}:manager`, value: { value: null } },
    ]) {
      const { c, url } = await withUser({
        [ENTERPRISE_URN]: { manager: { value: 'u-1' }, department: 'Tide Ops' },
      });
      const response = await c.patch(url, operation);
      expect(response.status, response.text).toBe(200);
      expect(response.body[ENTERPRISE_URN]).toEqual({ department: 'Tide Ops' });
    }
  });

  it('complex replace merges sub-attributes', async () => {
    const { c, url } = await withUser();
    const response = await c.patch(url, {
      op: 'replace',
      path: 'name',
      value: { familyName: 'Rydell' },
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.name).toEqual({ givenName: 'Ines', familyName: 'Rydell' });
  });

  it.each([
    [{ op: 'replace', path: 'members', value: [] }, 'invalidPath'],
    [{ op: 'replace', path: 'meta.lastModified', value: '2026-01-01T00:00:00Z' }, 'mutability'],
    [{ op: 'replace', path: 'groups', value: [{ value: 'g-1' }] }, 'mutability'],
    [{ op: 'replace', path: 'Active', value: 1 }, 'invalidValue'],
    [{ op: 'replace', path: 'name.shoeSize', value: '9' }, 'invalidPath'],
    [{ op: 'replace', path: 'name.givenName', value: { text: 'Ines' } }, 'invalidValue'],
  ])('rejects %j', async (operation, scimType) => {
    const { c, url } = await withUser();
    expectScimError(await c.patch(url, operation), 400, scimType);
  });
});
