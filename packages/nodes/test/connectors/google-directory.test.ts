import { startTestServers, type TestServers } from '@scimflow/testservers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  googleCreateUser,
  googleDeleteUser,
  googleSuspendUser,
  googleUpdateUser,
} from '../../src/connectors/index.js';
import { testCredential } from '../../src/credentials/index.js';
import type { ResolvedCredential } from '../../src/define.js';
import { ConnectorError, createHttpClient } from '../../src/http/index.js';
import { seedServiceAccount, secretFree } from './google-fixture.js';
import { CANARY, FAST_RETRY, runNode, runNodeError } from './harness.js';

let servers: TestServers;
let credential: ResolvedCredential;

beforeAll(async () => {
  servers = await startTestServers();
});

afterAll(async () => {
  await servers.close();
});

beforeEach(async () => {
  await servers.reset();
  credential = seedServiceAccount(servers);
});

const ada = {
  primaryEmail: 'ada@example.com',
  givenName: 'Ada',
  familyName: 'Lovelace',
  orgUnitPath: '/',
};
const usersPath = '/admin/directory/v1/users';

function seedUser(email = ada.primaryEmail) {
  return servers.google.createUser({
    primaryEmail: email,
    name: { givenName: 'Ada', familyName: 'Lovelace' },
    password: 'correct-horse-battery',
  });
}

function expectSecretFree(value: unknown) {
  const text = secretFree(value);
  expect(text).not.toContain(CANARY);
  expect(text).not.toContain('PRIVATE KEY');
}

describe('google.createUser', () => {
  it('creates a user with a generated password', async () => {
    const result = await runNode(googleCreateUser, ada, { credential });

    expect(result.outcome).toBe('created');
    expect(result.output).toMatchObject({
      primaryEmail: 'ada@example.com',
      givenName: 'Ada',
      passwordGenerated: true,
      suspended: false,
    });
    const sent = servers.requests.find({ api: 'google', method: 'POST', path: usersPath })[0]
      ?.body as { password: string };
    expect(sent.password).toHaveLength(24);
    expect(JSON.stringify(result.output)).not.toContain(sent.password);
    expectSecretFree(result);
  });

  it('adopts an existing user without a POST', async () => {
    seedUser();

    const result = await runNode(googleCreateUser, ada, { credential });

    expect(result.outcome).toBe('adopted');
    expect(servers.requests.count({ api: 'google', method: 'POST', path: usersPath })).toBe(0);
  });

  it.each([
    { mode: 'error' as const, name: '500' },
    { mode: 'reset' as const, name: 'dropped connection' },
  ])('creates one user when the insert applies then fails with $name', async ({ mode }) => {
    servers.faults.add({
      api: 'google',
      method: 'POST',
      path: usersPath,
      action: { kind: 'applyThenFail', mode },
    });

    const result = await runNode(googleCreateUser, ada, { credential });

    expect(servers.faults.list()).toEqual([]);

    expect(result.outcome).toBe('created');
    expect(servers.google.users()).toHaveLength(1);
    expect(servers.requests.count({ api: 'google', method: 'POST', path: usersPath })).toBe(1);
  });

  it('adopts the user after a resent insert gets 409', async () => {
    servers.google.configureDirectory({ propagationDelayMs: 60 });
    servers.faults.add({
      api: 'google',
      method: 'POST',
      path: usersPath,
      action: { kind: 'applyThenFail' },
    });

    const result = await runNode(googleCreateUser, ada, {
      credential,
      client: { baseDelayMs: 40, random: () => 0.99, maxAttempts: 5 },
    });

    expect(result.outcome).toBe('adopted');
    expect(servers.google.users()).toHaveLength(1);
  });

  it('resends an insert rejected with 503 after checking', async () => {
    servers.faults.add({
      api: 'google',
      method: 'POST',
      path: usersPath,
      action: { kind: 'error', status: 503 },
    });

    const result = await runNode(googleCreateUser, ada, { credential });

    expect(result.outcome).toBe('created');
    expect(servers.requests.count({ api: 'google', method: 'POST', path: usersPath })).toBe(2);
  });

  it('retries a lookup rejected with 429', async () => {
    servers.faults.add({
      api: 'google',
      method: 'GET',
      path: `${usersPath}/*`,
      action: { kind: 'rateLimit', retryAfterSeconds: 0 },
    });

    const result = await runNode(googleCreateUser, ada, { credential });

    expect(result.outcome).toBe('created');
    expect(servers.requests.count({ api: 'google', method: 'GET', path: `${usersPath}/*` })).toBe(
      2,
    );
  });

  it('fails without retry on an invalid name', async () => {
    const error = await runNodeError(
      googleCreateUser,
      { ...ada, givenName: 'A'.repeat(61) },
      { credential },
    );

    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).status).toBe(400);
    expect((error as ConnectorError).retryable).toBe(false);
    expect(error.message).toContain('Invalid Given/Family Name');
    expect(servers.requests.count({ api: 'google', method: 'POST', path: usersPath })).toBe(1);
  });

  it('explains a domain the account does not own', async () => {
    const error = await runNodeError(
      googleCreateUser,
      { ...ada, primaryEmail: 'ada@elsewhere.test' },
      { credential },
    );

    expect((error as ConnectorError).status).toBe(403);
    expect(error.message).toContain('Not Authorized to access this resource/api');
    expect(error.message).toContain('use a domain that the Workspace account owns');
  });

  it('sends no insert in a dry run', async () => {
    const result = await runNode(
      googleCreateUser,
      { ...ada, password: 'a-password-for-ada' },
      { credential, dryRun: true },
    );

    expect(result.outcome).toBe('skipped');
    expect(JSON.stringify(result.output)).not.toContain('a-password-for-ada');
    expect(servers.requests.count({ api: 'google', method: 'POST', path: usersPath })).toBe(0);
    expect(servers.google.users()).toHaveLength(0);
  });
});

describe('google.updateUser', () => {
  it('changes only the set fields', async () => {
    seedUser();

    const result = await runNode(
      googleUpdateUser,
      { userKey: 'ada@example.com', familyName: 'King', orgUnitPath: '/Engineering' },
      { credential },
    );

    expect(result.outcome).toBe('updated');
    expect(result.output).toMatchObject({
      givenName: 'Ada',
      familyName: 'King',
      orgUnitPath: '/Engineering',
      changed: ['orgUnitPath', 'name'],
    });
  });

  it('retries while user creation is not complete', async () => {
    servers.google.configureDirectory({ propagationDelayMs: 60 });
    seedUser();

    const result = await runNode(
      googleUpdateUser,
      { userKey: 'ada@example.com', givenName: 'Augusta' },
      {
        credential,
        client: { baseDelayMs: 40, random: () => 0.99, maxAttempts: 5 },
      },
    );

    expect(result.outcome).toBe('updated');
    expect(servers.google.getUser('ada@example.com')?.name).toMatchObject({ givenName: 'Augusta' });
  });

  it('fails for an unknown user', async () => {
    const error = await runNodeError(
      googleUpdateUser,
      { userKey: 'nobody@example.com', givenName: 'X' },
      { credential },
    );

    expect((error as ConnectorError).status).toBe(404);
    expect(error.message).toContain('No user "nobody@example.com" exists');
  });
});

describe('google.suspendUser', () => {
  it('suspends once, then reports unchanged', async () => {
    seedUser();

    const first = await runNode(googleSuspendUser, { userKey: 'ada@example.com' }, { credential });
    const second = await runNode(googleSuspendUser, { userKey: 'ada@example.com' }, { credential });

    expect(first.outcome).toBe('updated');
    expect(second.outcome).toBe('unchanged');
    expect(servers.google.getUser('ada@example.com')?.suspended).toBe(true);
  });

  it('unsuspends a suspended user', async () => {
    seedUser();
    await runNode(googleSuspendUser, { userKey: 'ada@example.com' }, { credential });

    const result = await runNode(
      googleSuspendUser,
      { userKey: 'ada@example.com', action: 'unsuspend' },
      { credential },
    );

    expect(result.outcome).toBe('updated');
    expect(servers.google.getUser('ada@example.com')?.suspended).toBe(false);
  });

  it('reports absent when suspending a missing user', async () => {
    const result = await runNode(
      googleSuspendUser,
      { userKey: 'nobody@example.com' },
      { credential },
    );

    expect(result.outcome).toBe('absent');
  });
});

describe('google.deleteUser', () => {
  it('deletes a user, then reports absent', async () => {
    seedUser();

    const first = await runNode(googleDeleteUser, { userKey: 'ada@example.com' }, { credential });
    const second = await runNode(googleDeleteUser, { userKey: 'ada@example.com' }, { credential });

    expect(first.outcome).toBe('deleted');
    expect(second.outcome).toBe('absent');
    expect(servers.google.users()).toHaveLength(0);
  });

  it('sends no DELETE in a dry run', async () => {
    seedUser();

    const result = await runNode(
      googleDeleteUser,
      { userKey: 'ada@example.com' },
      { credential, dryRun: true },
    );

    expect(result.outcome).toBe('skipped');
    expect(servers.requests.count({ api: 'google', method: 'DELETE' })).toBe(0);
  });
});

describe('google.serviceAccount credential', () => {
  it('reuses one access token across runs', async () => {
    seedUser();

    await runNode(googleSuspendUser, { userKey: 'ada@example.com' }, { credential });
    await runNode(googleDeleteUser, { userKey: 'ada@example.com' }, { credential });

    expect(servers.requests.count({ api: 'google', method: 'POST', path: '/token' })).toBe(1);
    const grant = servers.requests.find({ api: 'google', path: '/token' })[0]?.body as {
      grant_type: string;
    };
    expect(grant.grant_type).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
  });

  it('mints a new token after a 401', async () => {
    const account = { clientEmail: 'rotating@scimflow-test.iam.gserviceaccount.com' };
    await runNode(
      googleDeleteUser,
      { userKey: 'ada@example.com' },
      { credential: seedServiceAccount(servers, account) },
    );
    await servers.reset();
    const rotated = seedServiceAccount(servers, account);

    const result = await runNode(
      googleDeleteUser,
      { userKey: 'ada@example.com' },
      { credential: rotated },
    );

    expect(result.outcome).toBe('absent');
    expect(
      servers.requests
        .find({ api: 'google', path: '/admin/directory/v1/users/*' })
        .map((request) => request.status),
    ).toEqual([401, 404]);
    expect(servers.requests.count({ api: 'google', method: 'POST', path: '/token' })).toBe(1);
  });

  it('explains missing domain-wide delegation', async () => {
    const sheetsOnly = seedServiceAccount(servers, {
      delegatedScopes: ['https://www.googleapis.com/auth/spreadsheets'],
    });

    const error = await runNodeError(
      googleDeleteUser,
      { userKey: 'ada@example.com' },
      { credential: sheetsOnly },
    );

    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).api).toBe('Google OAuth2');
    expect(error.message).toContain('unauthorized_client');
    expect(error.message).toContain('grant domain-wide delegation');
    expectSecretFree(error);
  });

  it('passes the connection test', async () => {
    const result = await testCredential(credential, { http: createHttpClient(FAST_RETRY) });

    expect(result).toMatchObject({ ok: true });
    expectSecretFree(result);
  });

  it('fails the connection test for a malformed key', async () => {
    const broken = {
      ...credential,
      data: { ...credential.data, serviceAccountKey: `{"private_key":"${CANARY}"}` },
    };

    const result = await testCredential(broken, { http: createHttpClient(FAST_RETRY) });

    expect(result.ok).toBe(false);
    expect(result.message).toContain('invalid fields: serviceAccountKey');
    expectSecretFree(result);
  });
});
