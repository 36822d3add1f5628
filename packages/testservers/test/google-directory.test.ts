import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startTestServers, type TestServers } from '../src/index.js';
import { seedGoogle } from './google-helpers.js';
import { send } from './helpers.js';

let servers: TestServers;
let token: string;
let users: string;

beforeAll(async () => {
  servers = await startTestServers();
});

afterAll(async () => {
  await servers.close();
});

beforeEach(async () => {
  await servers.reset();
  ({ token } = await seedGoogle(servers));
  users = `${servers.google.directoryBaseUrl}/users`;
});

const newUser = {
  primaryEmail: 'Ada.Lovelace@example.com',
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  password: 'correct horse battery',
  changePasswordAtNextLogin: true,
  orgUnitPath: '/Engineering',
};

describe('Directory users', () => {
  it('inserts a user without echoing the password', async () => {
    const response = await send(users, { method: 'POST', token, body: newUser });

    expect(response.status).toBe(200);
    expect(response.body.kind).toBe('admin#directory#user');
    expect(response.body.id).toMatch(/^\d{21}$/);
    expect(response.body.primaryEmail).toBe('ada.lovelace@example.com');
    expect(response.body.name.fullName).toBe('Ada Lovelace');
    expect(response.body.changePasswordAtNextLogin).toBe(true);
    expect(response.body.orgUnitPath).toBe('/Engineering');
    expect(response.body.isAdmin).toBe(false);
    expect(response.body).not.toHaveProperty('password');
  });

  it('gets a user by email, id and case', async () => {
    const created = await send(users, { method: 'POST', token, body: newUser });

    const byEmail = await send(`${users}/ada.lovelace@example.com`, { token });
    const byId = await send(`${users}/${created.body.id}`, { token });
    const byCase = await send(`${users}/ADA.LOVELACE@EXAMPLE.COM`, { token });

    expect(byEmail.body.id).toBe(created.body.id);
    expect(byId.body.primaryEmail).toBe('ada.lovelace@example.com');
    expect(byCase.status).toBe(200);
  });

  it('rejects a duplicate with 409 duplicate', async () => {
    await send(users, { method: 'POST', token, body: newUser });

    const response = await send(users, { method: 'POST', token, body: newUser });

    expect(response.status).toBe(409);
    expect(response.body).toEqual({
      error: {
        code: 409,
        message: 'Entity already exists.',
        errors: [{ message: 'Entity already exists.', domain: 'global', reason: 'duplicate' }],
        status: 'ALREADY_EXISTS',
      },
    });
  });

  it('returns notFound for an unknown user', async () => {
    const response = await send(`${users}/nobody@example.com`, { token });

    expect(response.status).toBe(404);
    expect(response.body.error.message).toBe('Resource Not Found: userKey');
    expect(response.body.error.errors[0].reason).toBe('notFound');
  });

  it.each([
    [
      'missing family name',
      { name: { givenName: 'Ada' } },
      'Invalid Given/Family Name: FamilyName',
    ],
    [
      'long given name',
      { name: { givenName: 'A'.repeat(61), familyName: 'L' } },
      'Invalid Given/Family Name: GivenName',
    ],
    ['short password', { password: 'short' }, 'Invalid Password'],
    ['long password', { password: 'p'.repeat(101) }, 'Invalid Password'],
    ['bad SHA-1 hash', { password: 'xyz', hashFunction: 'SHA-1' }, 'Invalid Password'],
    ['bad org unit', { orgUnitPath: 'Engineering' }, 'Invalid Input: INVALID_OU_ID'],
  ])('rejects a %s with 400 invalid', async (_case, change, message) => {
    const response = await send(users, { method: 'POST', token, body: { ...newUser, ...change } });

    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(message);
    expect(response.body.error.errors[0].reason).toBe('invalid');
  });

  it('accepts a valid SHA-1 hash', async () => {
    const body = {
      ...newUser,
      password: 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3',
      hashFunction: 'SHA-1',
    };

    const response = await send(users, { method: 'POST', token, body });

    expect(response.status).toBe(200);
  });

  it('rejects a domain the customer does not own', async () => {
    const body = { ...newUser, primaryEmail: 'ada@elsewhere.test' };

    const response = await send(users, { method: 'POST', token, body });

    expect(response.status).toBe(403);
    expect(response.body.error.message).toBe('Not Authorized to access this resource/api');
  });

  it('suspends and renames with patch semantics', async () => {
    await send(users, { method: 'POST', token, body: newUser });

    const suspended = await send(`${users}/ada.lovelace@example.com`, {
      method: 'PUT',
      token,
      body: { suspended: true },
    });
    const renamed = await send(`${users}/ada.lovelace@example.com`, {
      method: 'PATCH',
      token,
      body: { primaryEmail: 'ada@example.com', name: { givenName: 'Augusta' } },
    });
    const byAlias = await send(`${users}/ada.lovelace@example.com`, { token });

    expect(suspended.body.suspended).toBe(true);
    expect(suspended.body.suspensionReason).toBe('ADMIN');
    expect(suspended.body.orgUnitPath).toBe('/Engineering');
    expect(renamed.body.name).toEqual({
      givenName: 'Augusta',
      familyName: 'Lovelace',
      fullName: 'Augusta Lovelace',
    });
    expect(renamed.body.suspended).toBe(true);
    expect(byAlias.body.primaryEmail).toBe('ada@example.com');
  });

  it('deletes a user with 204', async () => {
    await send(users, { method: 'POST', token, body: newUser });

    const deleted = await send(`${users}/ada.lovelace@example.com`, { method: 'DELETE', token });
    const again = await send(`${users}/ada.lovelace@example.com`, { method: 'DELETE', token });

    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    expect(again.status).toBe(404);
  });

  it('frees a deleted address and restores a user', async () => {
    const first = await send(users, { method: 'POST', token, body: newUser });
    await send(`${users}/${first.body.id}`, { method: 'DELETE', token });

    const recreated = await send(users, { method: 'POST', token, body: newUser });
    const blocked = await send(`${users}/${first.body.id}/undelete`, { method: 'POST', token });
    await send(`${users}/${recreated.body.id}`, { method: 'DELETE', token });
    const restored = await send(`${users}/${first.body.id}/undelete`, { method: 'POST', token });
    const fetched = await send(`${users}/ada.lovelace@example.com`, { token });

    expect(recreated.status).toBe(200);
    expect(blocked.status).toBe(409);
    expect(restored.status).toBe(204);
    expect(fetched.body.id).toBe(first.body.id);
  });

  it('lists users by domain and query', async () => {
    await send(users, { method: 'POST', token, body: newUser });
    await send(users, {
      method: 'POST',
      token,
      body: {
        ...newUser,
        primaryEmail: 'grace@example.com',
        name: { givenName: 'Grace', familyName: 'Hopper' },
      },
    });

    const all = await send(`${users}?customer=my_customer`, { token });
    const byQuery = await send(
      `${users}?domain=example.com&query=${encodeURIComponent("email:'grace@example.com'")}`,
      {
        token,
      },
    );
    const none = await send(`${users}?customer=my_customer&query=givenName:Nobody`, { token });
    const noScope = await send(users, { token });

    expect(all.body.users.map((user: { primaryEmail: string }) => user.primaryEmail)).toEqual([
      'ada.lovelace@example.com',
      'grace@example.com',
    ]);
    expect(byQuery.body.users).toHaveLength(1);
    expect(none.body.users).toBeUndefined();
    expect(noScope.status).toBe(400);
  });

  it('answers 404 and then 412 while a new user propagates', async () => {
    servers.google.configureDirectory({ propagationDelayMs: 60_000 });
    await send(users, { method: 'POST', token, body: newUser });

    const read = await send(`${users}/ada.lovelace@example.com`, { token });
    const write = await send(`${users}/ada.lovelace@example.com`, {
      method: 'PUT',
      token,
      body: { suspended: true },
    });

    expect(read.status).toBe(404);
    expect(write.status).toBe(412);
    expect(write.body.error.message).toContain('User creation is not complete');
  });
});

describe('Directory authorization', () => {
  it('requires a bearer token', async () => {
    const response = await send(`${users}/ada@example.com`);

    expect(response.status).toBe(401);
    expect(response.body.error.status).toBe('UNAUTHENTICATED');
    expect(response.body.error.errors[0].reason).toBe('required');
  });

  it('rejects an unknown token', async () => {
    const response = await send(`${users}/ada@example.com`, { token: 'ya29.unknown' });

    expect(response.status).toBe(401);
    expect(response.body.error.errors[0].reason).toBe('authError');
  });

  it('rejects a token without the Directory scope', async () => {
    const sheetsOnly = servers.google.issueAccessToken({
      subject: 'admin@example.com',
      scopes: ['https://www.googleapis.com/auth/spreadsheets'],
    });

    const response = await send(`${users}/ada@example.com`, { token: sheetsOnly });

    expect(response.status).toBe(403);
    expect(response.body.error.message).toBe('Request had insufficient authentication scopes.');
  });

  it('rejects a service account without delegation', async () => {
    const itself = servers.google.issueAccessToken();

    const response = await send(users, { method: 'POST', token: itself, body: newUser });

    expect(response.status).toBe(403);
    expect(response.body.error.errors[0].reason).toBe('forbidden');
  });
});
