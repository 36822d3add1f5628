import { describe, expect, it } from 'vitest';
import { signIn } from './support/admin-client.js';
import { scim, userBody } from './support/scim-client.js';
import { ADMIN_PASSWORD, useTestServer } from './support/test-server.js';
import {
  CORE_USER_URN,
  ENTERPRISE_URN,
  expectScimError,
  variantClient,
} from './support/scim-variants.js';

const testServer = useTestServer();

const client = () => variantClient(testServer(), 'protocol');

describe('authorization header forms', () => {
  it('scheme names in any case', async () => {
    const c = await client();
    const { bearerToken, basic } = c.endpoint.secrets;
    const basicValue = Buffer.from(`${basic.username}:${basic.password}`).toString('base64');

    for (const authorization of [
      `bearer ${bearerToken}`,
      `BEARER  ${bearerToken}`,
      `basic ${basicValue}`,
    ]) {
      const response = await scim(c.endpoint.usersUrl, { authorization });
      expect(response.status, authorization.split(' ')[0]).toBe(200);
    }
  });

  it('API key in a lower-case header and as a bare Authorization', async () => {
    const c = await client();
    const { apiKey } = c.endpoint.secrets;
    expect((await scim(c.endpoint.usersUrl, { headers: { 'x-api-key': apiKey } })).status).toBe(
      200,
    );
    expect((await scim(c.endpoint.usersUrl, { authorization: apiKey })).status).toBe(200);
  });

  it('Basic with a wrong user', async () => {
    const c = await client();
    const { basic } = c.endpoint.secrets;
    const authorization = `Basic ${Buffer.from(`other:${basic.password}`).toString('base64')}`;
    const response = await scim(c.endpoint.usersUrl, { authorization });
    expectScimError(response, 401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
  });

  it('token of another endpoint', async () => {
    const a = await client();
    const b = await client();
    const response = await scim(a.endpoint.usersUrl, { token: b.endpoint.secrets.bearerToken });
    expectScimError(response, 401);
  });
});

describe('content types and bodies', () => {
  it.each([
    'application/scim+json; charset=UTF-8',
    'application/json;charset=utf-8',
    'APPLICATION/SCIM+JSON',
    'text/plain',
  ])('POST with Content-Type %s', async (contentType) => {
    const c = await client();
    const response = await c.send('POST', c.endpoint.usersUrl, userBody('ines@example.org'), {
      'content-type': contentType,
      accept: 'text/plain',
    });
    expect(response.status, response.text).toBe(201);
    expect(response.headers.get('content-type')).toMatch(/application\/scim\+json/);
  });

  it('PATCH with application/json', async () => {
    const c = await client();
    const id = await c.createUser(userBody('ines@example.org'));
    const response = await c.send(
      'PATCH',
      `${c.endpoint.usersUrl}/${id}`,
      { Operations: [{ op: 'replace', path: 'title', value: 'Lead' }] },
      { 'content-type': 'application/json', accept: '*/*' },
    );
    expect(response.status, response.text).toBe(200);
    expect(response.body.title).toBe('Lead');
  });

  it.each([
    ['truncated object', '{"userName": "ines@example.org"'],
    ['trailing comma', '{"userName": "ines@example.org",}'],
    ['single quotes', "{'userName': 'ines@example.org'}"],
    ['form data', 'userName=ines@example.org'],
  ])('invalid JSON: %s', async (_name, text) => {
    const c = await client();
    const response = await c.send('POST', c.endpoint.usersUrl, text);
    expectScimError(response, 400, 'invalidSyntax');
    const list = await c.get(c.endpoint.usersUrl);
    expect(list.body.totalResults).toBe(0);
  });

  it('invalid JSON on PUT and on a group', async () => {
    const c = await client();
    const id = await c.createUser(userBody('ines@example.org'));
    expectScimError(
      await c.send('PUT', `${c.endpoint.usersUrl}/${id}`, '{"userName":'),
      400,
      'invalidSyntax',
    );
    expectScimError(
      await c.send('POST', c.endpoint.groupsUrl, '[{"displayName": "x"'),
      400,
      'invalidSyntax',
    );
  });

  it.each([
    ['an array', [userBody('ines@example.org')]],
    ['a string', 'null'],
    ['a number', '42'],
  ])('body that is %s', async (_name, body) => {
    const c = await client();
    const response = await c.send('POST', c.endpoint.usersUrl, body);
    expect(response.status, response.text).toBe(400);
    expect(response.body.status).toBe('400');
    expect(['invalidSyntax', 'invalidValue']).toContain(response.body.scimType);
  });

  it('empty body on POST and PATCH', async () => {
    const c = await client();
    expectScimError(await c.send('POST', c.endpoint.usersUrl, ''), 400, 'invalidSyntax');
    const id = await c.createUser(userBody('ines@example.org'));
    expectScimError(
      await c.send('PATCH', `${c.endpoint.usersUrl}/${id}`, ''),
      400,
      'invalidSyntax',
    );
  });

  it('too large body', async () => {
    const c = await client();
    const body = userBody('ines@example.org', { title: 'x'.repeat(2 * 1024 * 1024) });
    const response = await c.send('POST', c.endpoint.usersUrl, body);
    expectScimError(response, 413);
    expect(response.body.detail).toMatch(/\d+ bytes/);
  });

  it('too large body on the legacy route', async () => {
    const c = await client();
    const body = {
      schemas: ['urn:scim:schemas:core:1.0'],
      userName: 'x',
      title: 'x'.repeat(2 * 1024 * 1024),
    };
    const response = await c.send('POST', c.endpoint.legacyUrl, body);
    expectScimError(response, 413);
  });

  it('unknown resource type path', async () => {
    const c = await client();
    expectScimError(await c.get(`${c.endpoint.baseUrl}/Roles`), 404);
  });

  it('method not allowed', async () => {
    const c = await client();
    const response = await c.send('DELETE', c.endpoint.usersUrl);
    expectScimError(response, 405);
    expect(response.headers.get('allow')).toContain('POST');
  });
});

describe('WSO2 lookup filter shapes', () => {
  it('unquoted value with parentheses', async () => {
    const c = await client();
    const groupId = await c.createGroup({ displayName: 'Tide Ops (EU)' });
    const response = await c.get(
      `${c.endpoint.groupsUrl}?filter=displayName%20Eq%20Tide%20Ops%20(EU)&startIndex=1&count=1`,
    );
    expect(response.status, response.text).toBe(200);
    expect(response.body.totalResults).toBe(1);
    expect(response.body.Resources[0].id).toBe(groupId);
  });

  it('unquoted userName with a user-store domain', async () => {
    const c = await client();
    const id = await c.createUser(userBody('ines.ward@example.org'));
    for (const prefix of ['PRIMARY', 'DEFAULT']) {
      const response = await c.get(
        `${c.endpoint.usersUrl}?filter=userName%20Eq%20${prefix}%2Fines.ward%40example.org&startIndex=1&count=1`,
        { 'user-agent': 'wso2/scim2/client' },
      );
      expect(response.body.totalResults, prefix).toBe(1);
      expect(response.body.Resources[0].id).toBe(id);
    }
  });

  it('secondary user-store domain is kept', async () => {
    const c = await client();
    await c.createUser(userBody('ines.ward@example.org'));
    const response = await c.get(
      `${c.endpoint.usersUrl}?filter=userName%20Eq%20SECONDARY%2Fines.ward%40example.org`,
      { 'user-agent': 'wso2/scim2/client' },
    );
    expect(response.status).toBe(200);
    expect(response.body.totalResults).toBe(0);
  });

  it('domain prefix kept for other clients', async () => {
    const c = await client();
    await c.createUser(userBody('ines.ward@example.org'));
    const filter = encodeURIComponent('userName eq "PRIMARY/ines.ward@example.org"');
    const response = await c.get(`${c.endpoint.usersUrl}?filter=${filter}`, {
      'user-agent': 'Okta SCIM Client 1.0.0',
    });
    expect(response.body.totalResults).toBe(0);
  });

  it('domain-prefixed userName that exists as sent', async () => {
    const c = await client();
    const id = await c.createUser(userBody('DEFAULT/tomas@example.org'));
    await c.createUser(userBody('tomas@example.org'));
    const response = await c.get(
      `${c.endpoint.usersUrl}?filter=userName%20Eq%20DEFAULT%2Ftomas%40example.org`,
      { 'user-agent': 'wso2/scim2/client' },
    );
    expect(response.body.totalResults).toBe(1);
    expect(response.body.Resources[0].id).toBe(id);
  });

  it('unquoted value that reads as a number', async () => {
    const c = await client();
    await c.createUser(userBody('007'));
    const response = await c.get(`${c.endpoint.usersUrl}?filter=userName%20Eq%20007`);
    expect(response.body.totalResults).toBe(1);
  });
});

describe('legacy scim-choreo variants', () => {
  it('SCIM 1.1 enterprise extension and bare-string emails', async () => {
    const c = await client();
    const response = await c.send(
      'POST',
      `${c.endpoint.legacyUrl}/`,
      {
        schemas: ['urn:scim:schemas:core:1.0', 'urn:scim:schemas:extension:enterprise:1.0'],
        userName: 'ines.ward@example.org',
        password: '',
        emails: ['ines.ward@example.org', 'ines@home.example'],
        phoneNumbers: [{ value: '+15550100' }],
        'urn:scim:schemas:extension:enterprise:1.0': { department: 'Tide Ops' },
        meta: { created: '2022-08-30T10:00:00Z', lastModified: '2022-08-30T10:00:00Z' },
      },
      { accept: 'text/plain', 'content-type': 'application/json' },
    );
    expect([200, 201]).toContain(response.status);

    const [user] = (
      await c.get(
        `${c.endpoint.usersUrl}?filter=${encodeURIComponent('userName eq "ines.ward@example.org"')}`,
      )
    ).body.Resources;
    expect(user.emails).toEqual([
      { value: 'ines.ward@example.org', primary: true },
      { value: 'ines@home.example' },
    ]);
    expect(user[ENTERPRISE_URN]).toEqual({ department: 'Tide Ops' });
    expect(user.meta.created).not.toBe('2022-08-30T10:00:00Z');
    expect(user.schemas).toEqual([CORE_USER_URN, ENTERPRISE_URN]);
  });

  it('PUT of a known userName in other case updates it', async () => {
    const c = await client();
    await c.send('POST', `${c.endpoint.legacyUrl}/`, {
      schemas: ['urn:scim:schemas:core:1.0'],
      userName: 'ines@example.org',
      name: { familyName: 'Ward' },
    });
    const put = await c.send('PUT', `${c.endpoint.legacyUrl}/`, {
      schemas: ['urn:scim:schemas:core:1.0'],
      userName: 'INES@example.org',
      name: { familyName: 'Rydell' },
    });
    expect([200, 201, 204]).toContain(put.status);

    const list = await c.get(c.endpoint.usersUrl);
    expect(list.body.totalResults).toBe(1);
    expect(list.body.Resources[0].name.familyName).toBe('Rydell');
  });

  it('DELETE of a name with several slashes and an encoded @', async () => {
    const c = await client();
    await c.send('POST', c.endpoint.legacyUrl, {
      schemas: ['urn:scim:schemas:core:1.0'],
      userName: 'ops/eu/ines@example.org',
    });
    const response = await c.send(
      'DELETE',
      `${c.endpoint.legacyUrl}/DEFAULT,ops,eu,ines%40example.org`,
    );
    expect(response.status).toBe(204);
    expect((await c.get(c.endpoint.usersUrl)).body.totalResults).toBe(0);
  });

  it('DELETE with a secondary user-store domain', async () => {
    const c = await client();
    await c.send('POST', c.endpoint.legacyUrl, {
      schemas: ['urn:scim:schemas:core:1.0'],
      userName: 'ines@example.org',
    });
    const response = await c.send('DELETE', `${c.endpoint.legacyUrl}/SECONDARY,ines@example.org`);
    expectScimError(response, 404);
    expect((await c.get(c.endpoint.usersUrl)).body.totalResults).toBe(1);
  });

  it('DELETE of a name in other case', async () => {
    const c = await client();
    await c.send('POST', c.endpoint.legacyUrl, {
      schemas: ['urn:scim:schemas:core:1.0'],
      userName: 'ines@example.org',
    });
    const response = await c.send('DELETE', `${c.endpoint.legacyUrl}/PRIMARY,Ines@Example.org`);
    expect(response.status).toBe(204);
  });

  it('invalid JSON', async () => {
    const c = await client();
    expectScimError(
      await c.send('POST', c.endpoint.legacyUrl, '{"userName": '),
      400,
      'invalidSyntax',
    );
    expectScimError(
      await c.send('PUT', c.endpoint.legacyUrl, '{"userName": '),
      400,
      'invalidSyntax',
    );
  });

  it('PUT without userName', async () => {
    const c = await client();
    expectScimError(
      await c.send('PUT', c.endpoint.legacyUrl, { schemas: ['urn:scim:schemas:core:1.0'] }),
      400,
      'invalidValue',
    );
  });

  it('wrong token', async () => {
    const c = await client();
    const response = await scim(c.endpoint.legacyUrl, {
      method: 'POST',
      token: 'wrong',
      body: { userName: 'x' },
    });
    expectScimError(response, 401);
  });
});

describe('URL variants', () => {
  it('trailing slashes', async () => {
    const c = await client();
    const created = await c.send('POST', `${c.endpoint.usersUrl}/`, userBody('a@example.org'));
    expect(created.status, created.text).toBe(201);

    const list = await c.get(`${c.endpoint.usersUrl}/?filter=userName%20Eq%20a%40example.org`);
    expect(list.body.totalResults).toBe(1);
    expect((await c.get(`${c.endpoint.usersUrl}/${created.body.id}/`)).status).toBe(200);
  });

  it('collection name in lower case', async () => {
    const c = await client();
    const response = await c.get(`${c.endpoint.baseUrl}/users`);
    expectScimError(response, 404);
    expect(response.body.detail).toContain(`/scim/v2/${c.endpoint.slug}/Users`);

    const groupPatch = await c.send('PATCH', `${c.endpoint.baseUrl}/GROUPS/some-id`, {});
    expectScimError(groupPatch, 404);
    expect(groupPatch.body.detail).toContain('/Groups/some-id');
  });

  it('plus signs as spaces in the query', async () => {
    const c = await client();
    await c.createUser(userBody('a@example.org'));
    const list = await c.get(`${c.endpoint.usersUrl}?filter=userName+eq+%22a%40example.org%22`);
    expect(list.status, list.text).toBe(200);
    expect(list.body.totalResults).toBe(1);
  });

  it('encoded plus in an unquoted userName', async () => {
    const c = await client();
    await c.createUser(userBody('a+b@example.org'));
    const list = await c.get(`${c.endpoint.usersUrl}?filter=userName%20Eq%20a%2Bb%40example.org`);
    expect(list.body.totalResults).toBe(1);
  });

  it('escaped quote in a filter value', async () => {
    const c = await client();
    await c.createUser(userBody('o"brien@example.org'));
    expect(await c.userNamesMatching('userName eq "o\\"brien@example.org"')).toEqual([
      'o"brien@example.org',
    ]);
  });

  it('sortBy is ignored', async () => {
    const c = await client();
    await c.createUser(userBody('b@example.org'));
    await c.createUser(userBody('a@example.org'));
    const list = await c.get(`${c.endpoint.usersUrl}?sortBy=userName&sortOrder=descending`);
    expect(list.status, list.text).toBe(200);
    expect(list.body.totalResults).toBe(2);
  });

  it('count above the maximum', async () => {
    const c = await client();
    await c.createUser(userBody('a@example.org'));
    const list = await c.get(`${c.endpoint.usersUrl}?count=100000`);
    expect(list.status, list.text).toBe(200);
    expect(list.body.itemsPerPage).toBe(1);
  });

  it('Entra flag in the query string', async () => {
    const c = await client();
    const id = await c.createUser(userBody('a@example.org'));
    const patch = await c.send('PATCH', `${c.endpoint.usersUrl}/${id}?aadOptscim062020`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { 'name.givenName': 'Ada', active: false } }],
    });
    expect(patch.status, patch.text).toBe(200);
    expect(patch.body.name.givenName).toBe('Ada');
    expect(patch.body.active).toBe(false);

    const filter = encodeURIComponent('userName eq "a@example.org"');
    const list = await c.get(`${c.endpoint.usersUrl}?aadOptscim062020&filter=${filter}`);
    expect(list.body.totalResults).toBe(1);
  });
});

describe('request log of password changes', () => {
  it('PATCH password values are redacted', async () => {
    const c = await client();
    const id = await c.createUser(userBody('ines@example.org', { PassWord: 'canary-pw-1' }));
    const url = `${c.endpoint.usersUrl}/${id}`;
    const changes = [
      { op: 'replace', path: 'password', value: 'canary-pw-2' },
      { op: 'Replace', path: 'PASSWORD', value: 'canary-pw-3' },
      {
        op: 'replace',
        path: 'urn:ietf:params:scim:schemas:core:2.0:User:password',
        value: 'canary-pw-4',
      },
      { op: 'replace', value: { password: 'canary-pw-5' } },
    ];
    for (const change of changes) expect((await c.patch(url, change)).status).toBe(200);
    await c.send(
      'PATCH',
      url,
      '{"Operations":[{"op":"replace","path":"password","value":"canary-pw-6"}',
    );
    const invalid = await c.patch(url, { op: 'replace', path: 'password', value: ['canary-pw-7'] });
    expectScimError(invalid, 400, 'invalidValue');
    expect(invalid.text).not.toContain('canary-pw-7');
    const invalidCreate = await c.send(
      'POST',
      c.endpoint.usersUrl,
      userBody('ada@example.org', { password: { text: 'canary-pw-8' } }),
    );
    expectScimError(invalidCreate, 400, 'invalidValue');
    await c.patch(url, { op: 'replace', path: 'title', value: 'visible-title' });

    await testServer().app.scimflow.requestLog.flush();
    const admin = await signIn(testServer().baseUrl, ADMIN_PASSWORD);
    const log = await admin.request('GET', `/api/endpoints/${c.endpoint.slug}/requests?limit=50`);
    expect(log.status).toBe(200);
    const text = JSON.stringify(log.body);
    expect(text).not.toMatch(/canary-pw-\d/);
    expect(text).toContain('[redacted]');
    expect(text).toContain('visible-title');
    expect(testServer().logText()).not.toMatch(/canary-pw-\d/);
  });
});
