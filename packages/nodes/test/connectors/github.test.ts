import { startTestServers, type SeededGithubApp, type TestServers } from '@scimflow/testservers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  githubAddToTeam,
  githubInviteToOrganization,
  githubRemoveFromOrganization,
  githubRemoveFromTeam,
} from '../../src/connectors/index.js';
import { testCredential, TokenCache } from '../../src/credentials/index.js';
import type { ResolvedCredential } from '../../src/define.js';
import { ConnectorError, createHttpClient } from '../../src/http/index.js';
import { CANARY, FAST_RETRY, runNode, runNodeError } from './harness.js';

let servers: TestServers;
let credential: ResolvedCredential;
let app: SeededGithubApp;

beforeAll(async () => {
  servers = await startTestServers();
  servers.onReset(({ github }) => {
    github.createOrg({ login: 'acme', owner: 'octo-owner' });
    github.createTeam('acme', { name: 'Platform', slug: 'platform' });
    github.createTeam('acme', { name: 'Synced', slug: 'synced', idpSynced: true });
    github.createUser({ login: 'grace', email: 'grace@example.com' });
    github.addMember('acme', 'grace');
    github.createUser({ login: 'linus' });
    github.createToken('octo-owner', `ghp_${CANARY}`);
  });
});

afterAll(async () => {
  await servers.close();
});

beforeEach(async () => {
  await servers.reset();
  credential = {
    name: 'acme owner',
    type: 'github.token',
    data: { token: `ghp_${CANARY}`, baseUrl: servers.github.baseUrl },
  };
});

const invite = {
  org: 'acme',
  email: 'ada@example.com',
  role: 'direct_member',
  teams: ['platform'],
};

function expectNoCanary(value: unknown) {
  const text =
    value instanceof Error ? `${value.message} ${JSON.stringify(value)}` : JSON.stringify(value);
  expect(text).not.toContain(CANARY);
}

describe('github.inviteToOrganization', () => {
  it('creates an invitation with teams', async () => {
    const result = await runNode(githubInviteToOrganization, invite, { credential });

    expect(result.outcome).toBe('created');
    expect(result.output).toMatchObject({
      org: 'acme',
      email: 'ada@example.com',
      state: 'pending',
    });
    expect(servers.github.invitations('acme')).toMatchObject([
      { email: 'ada@example.com', role: 'direct_member', teamSlugs: ['platform'] },
    ]);
    expectNoCanary(result);
  });

  it('adopts a pending invitation without a second POST', async () => {
    await runNode(githubInviteToOrganization, invite, { credential });
    const second = await runNode(
      githubInviteToOrganization,
      { ...invite, email: 'ADA@example.com' },
      { credential },
    );

    expect(second.outcome).toBe('adopted');
    expect(second.output).toMatchObject({ state: 'pending' });
    expect(
      servers.requests.count({ api: 'github', method: 'POST', path: '/orgs/acme/invitations' }),
    ).toBe(1);
    expect(servers.github.invitations('acme')).toHaveLength(1);
  });

  it('adopts an existing member by email', async () => {
    const result = await runNode(
      githubInviteToOrganization,
      { ...invite, email: 'grace@example.com', teams: [] },
      { credential },
    );

    expect(result.outcome).toBe('adopted');
    expect(result.output).toMatchObject({ state: 'member' });
    expect(servers.github.invitations('acme')).toHaveLength(0);
  });

  it.each([
    { mode: 'error' as const, name: '500' },
    { mode: 'reset' as const, name: 'dropped connection' },
  ])('creates one invitation when the POST applies then fails with $name', async ({ mode }) => {
    servers.faults.add({
      api: 'github',
      method: 'POST',
      path: '/orgs/acme/invitations',
      action: { kind: 'applyThenFail', mode },
    });

    const result = await runNode(githubInviteToOrganization, invite, { credential });

    expect(servers.faults.list()).toEqual([]);

    expect(result.outcome).toBe('created');
    expect(servers.github.invitations('acme')).toHaveLength(1);
    expect(
      servers.requests.count({ api: 'github', method: 'POST', path: '/orgs/acme/invitations' }),
    ).toBe(1);
  });

  it('adopts the invitation a concurrent run created', async () => {
    servers.faults.add({
      api: 'github',
      method: 'POST',
      path: '/orgs/acme/invitations',
      action: { kind: 'delay', ms: 300 },
    });

    const results = await Promise.all([
      runNode(githubInviteToOrganization, invite, { credential }),
      runNode(githubInviteToOrganization, invite, { credential }),
    ]);

    expect(results.map((result) => result.outcome).sort()).toEqual(['adopted', 'created']);
    expect(
      servers.requests
        .find({ api: 'github', method: 'POST' })
        .map((request) => request.status)
        .sort(),
    ).toEqual([201, 422]);
    expect(servers.github.invitations('acme')).toHaveLength(1);
    const [created, adopted] =
      results[0]!.outcome === 'created' ? results : [results[1]!, results[0]!];
    expect((adopted!.output as { invitationId: number }).invitationId).toBe(
      (created!.output as { invitationId: number }).invitationId,
    );
  });

  it('retries a POST rejected with 429 and Retry-After', async () => {
    servers.faults.add({
      api: 'github',
      method: 'POST',
      path: '/orgs/acme/invitations',
      action: { kind: 'rateLimit', status: 429, retryAfterSeconds: 0 },
    });

    const result = await runNode(githubInviteToOrganization, invite, { credential });

    expect(result.outcome).toBe('created');
    expect(
      servers.requests.count({ api: 'github', method: 'POST', path: '/orgs/acme/invitations' }),
    ).toBe(2);
  });

  it('retries a GET that failed with 502', async () => {
    servers.faults.add({
      api: 'github',
      method: 'GET',
      path: '/orgs/acme/invitations',
      times: 2,
      action: { kind: 'error', status: 502 },
    });

    const result = await runNode(githubInviteToOrganization, invite, { credential });

    expect(result.outcome).toBe('created');
    expect(
      servers.requests.count({ api: 'github', method: 'GET', path: '/orgs/acme/invitations' }),
    ).toBe(3);
  });

  it('fails without retry on a 422', async () => {
    servers.github.configure({ invitationQuota: 0 });

    const error = await runNodeError(githubInviteToOrganization, invite, { credential });

    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).status).toBe(422);
    expect((error as ConnectorError).retryable).toBe(false);
    expect(error.message).toMatch(
      /^GitHub POST \/github\/orgs\/acme\/invitations failed with status 422: .*Over invitation rate limit/,
    );
    expect(error.message).toContain('GitHub allows 50 invitations per organization in 24 hours');
    expect(
      servers.requests.count({ api: 'github', method: 'POST', path: '/orgs/acme/invitations' }),
    ).toBe(1);
  });

  it('names an unknown team slug', async () => {
    const error = await runNodeError(
      githubInviteToOrganization,
      { ...invite, teams: ['nope'] },
      { credential },
    );

    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe('config');
    expect(error.message).toContain('team "nope" was not found');
  });

  it('sends no write in a dry run', async () => {
    const result = await runNode(githubInviteToOrganization, invite, { credential, dryRun: true });

    expect(result.outcome).toBe('skipped');
    expect(result.output).toMatchObject({
      dryRun: true,
      wouldSend: { method: 'POST', path: '/orgs/acme/invitations' },
    });
    expect(servers.requests.count({ api: 'github', method: 'POST' })).toBe(0);
    expect(servers.github.invitations('acme')).toHaveLength(0);
  });

  it('fails retryable once the rate limit is used up', async () => {
    servers.github.configure({ rateLimit: 1 });

    const error = await runNodeError(githubInviteToOrganization, invite, { credential });

    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).status).toBe(403);
    expect((error as ConnectorError).retryable).toBe(true);
    expect((error as ConnectorError).retryAfterMs).toBeGreaterThan(3_000);
    expect(error.message).toContain('API rate limit exceeded');
  });

  it('points an unreachable base URL at the credential', async () => {
    const baseUrl = servers.github.baseUrl.replace(/:\d+/, ':1');
    const unreachable = { ...credential, data: { ...credential.data, baseUrl } };

    const error = await runNodeError(githubInviteToOrganization, invite, {
      credential: unreachable,
      client: { maxAttempts: 1 },
    });

    expect((error as ConnectorError).code).toBe('transport');
    expect(error.message).toContain('after 1 try');
    expect(error.message).toContain('Check that the base URL in the credential is reachable');
    expect(error.message.split(baseUrl).length - 1).toBe(1);
  });

  it('requires a GitHub credential', async () => {
    const http = { name: 'hook', type: 'http.bearer' as const, data: { token: CANARY } };

    const error = await runNodeError(githubInviteToOrganization, invite, { credential: http });

    expect((error as ConnectorError).code).toBe('credential');
    expect(error.message).toContain('Select a credential of type github.token or github.app');
    expectNoCanary(error);
  });

  it('keeps the token out of a 401 error', async () => {
    const wrong = { ...credential, data: { ...credential.data, token: `ghp_wrong_${CANARY}` } };

    const error = await runNodeError(githubInviteToOrganization, invite, { credential: wrong });

    expect((error as ConnectorError).status).toBe(401);
    expect(error.message).toContain('Bad credentials');
    expectNoCanary(error);
  });
});

describe('github.removeFromOrganization', () => {
  it('removes a member, then reports absent', async () => {
    const first = await runNode(
      githubRemoveFromOrganization,
      { org: 'acme', user: 'grace' },
      { credential },
    );
    const second = await runNode(
      githubRemoveFromOrganization,
      { org: 'acme', user: 'grace' },
      { credential },
    );

    expect(first.outcome).toBe('deleted');
    expect(second.outcome).toBe('absent');
    expect(servers.github.members('acme')).not.toHaveProperty('grace');
  });

  it('cancels a pending invitation by email', async () => {
    await runNode(githubInviteToOrganization, invite, { credential });

    const result = await runNode(
      githubRemoveFromOrganization,
      { org: 'acme', user: 'ada@example.com' },
      { credential },
    );

    expect(result.outcome).toBe('deleted');
    expect(result.output).toMatchObject({ removed: 'invitation' });
    expect(servers.github.invitations('acme')).toHaveLength(0);
  });

  it('reports absent for an email without invitation', async () => {
    const result = await runNode(
      githubRemoveFromOrganization,
      { org: 'acme', user: 'nobody@example.com' },
      { credential },
    );

    expect(result.outcome).toBe('absent');
  });

  it('sends no DELETE in a dry run', async () => {
    const result = await runNode(
      githubRemoveFromOrganization,
      { org: 'acme', user: 'grace' },
      { credential, dryRun: true },
    );

    expect(result.outcome).toBe('skipped');
    expect(servers.requests.count({ api: 'github', method: 'DELETE' })).toBe(0);
    expect(servers.github.members('acme')).toHaveProperty('grace');
  });
});

describe('github.addToTeam', () => {
  it.each([
    { name: 'adds a member', username: 'grace', outcome: 'created', state: 'active' },
    { name: 'invites a non-member', username: 'linus', outcome: 'created', state: 'pending' },
  ])('$name', async ({ username, outcome, state }) => {
    const result = await runNode(
      githubAddToTeam,
      { org: 'acme', team: 'platform', username },
      { credential },
    );

    expect(result.outcome).toBe(outcome);
    expect(result.output).toMatchObject({ state, role: 'member' });
  });

  it('adopts a membership with the same role', async () => {
    await runNode(
      githubAddToTeam,
      { org: 'acme', team: 'platform', username: 'grace' },
      { credential },
    );

    const second = await runNode(
      githubAddToTeam,
      { org: 'acme', team: 'platform', username: 'grace' },
      { credential },
    );

    expect(second.outcome).toBe('adopted');
    expect(servers.requests.count({ api: 'github', method: 'PUT' })).toBe(1);
  });

  it('updates the role of a membership', async () => {
    await runNode(
      githubAddToTeam,
      { org: 'acme', team: 'platform', username: 'grace' },
      { credential },
    );

    const result = await runNode(
      githubAddToTeam,
      { org: 'acme', team: 'platform', username: 'grace', role: 'maintainer' },
      { credential },
    );

    expect(result.outcome).toBe('updated');
    expect(servers.github.teamMembers('acme', 'platform')).toEqual({ grace: 'maintainer' });
  });

  it('explains the 403 of an IdP-synced team', async () => {
    const error = await runNodeError(
      githubAddToTeam,
      { org: 'acme', team: 'synced', username: 'grace' },
      { credential },
    );

    expect((error as ConnectorError).status).toBe(403);
    expect(error.message).toContain('synced from an identity provider');
  });
});

describe('github.removeFromTeam', () => {
  it('removes a team member, then reports absent', async () => {
    servers.github.addTeamMember('acme', 'platform', 'grace');

    const first = await runNode(
      githubRemoveFromTeam,
      { org: 'acme', team: 'platform', username: 'grace' },
      { credential },
    );
    const second = await runNode(
      githubRemoveFromTeam,
      { org: 'acme', team: 'platform', username: 'grace' },
      { credential },
    );

    expect(first.outcome).toBe('deleted');
    expect(second.outcome).toBe('absent');
    expect(servers.github.teamMembers('acme', 'platform')).toEqual({});
  });
});

describe('github.app credential', () => {
  // Generating the App's RSA key takes a while, so only the App tests seed one.
  beforeEach(() => {
    app = servers.github.createApp({ org: 'acme' });
  });

  function appCredential(privateKey: string): ResolvedCredential {
    return {
      name: 'acme app',
      type: 'github.app',
      data: {
        appId: app.appId,
        installationId: app.installationId,
        privateKey,
        baseUrl: servers.github.baseUrl,
      },
    };
  }

  it.each([
    { name: 'PKCS #1', key: () => app.privateKeyPkcs1Pem },
    { name: 'PKCS #8', key: () => app.privateKeyPem },
  ])('mints one installation token for two runs with a $name key', async ({ key }) => {
    const credential = appCredential(key());

    await runNode(githubInviteToOrganization, invite, { credential });
    const second = await runNode(
      githubRemoveFromOrganization,
      { org: 'acme', user: 'ada@example.com' },
      { credential },
    );

    expect(second.outcome).toBe('deleted');
    expect(
      servers.requests.count({
        api: 'github',
        method: 'POST',
        path: `/app/installations/${app.installationId}/access_tokens`,
      }),
    ).toBe(1);
    const used = servers.requests.find({ api: 'github', path: '/orgs/acme/invitations' })[0]
      ?.headers.authorization;
    expect(used).toMatch(/^Bearer ghs_/);
  });

  it('reports a wrong App ID from the token request', async () => {
    const credential = {
      ...appCredential(app.privateKeyPem),
      data: { ...appCredential(app.privateKeyPem).data, appId: 999_999 },
    };

    const error = await runNodeError(githubInviteToOrganization, invite, { credential });

    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.message).toContain(
      `GitHub POST /app/installations/${app.installationId}/access_tokens failed with status 401`,
    );
    expect(error.message).not.toContain('PRIVATE KEY');
  });
});

describe('GitHub testCredential', () => {
  beforeEach(() => {
    app = servers.github.createApp({ org: 'acme' });
  });

  it.each([
    { name: 'a valid token', data: () => ({ token: `ghp_${CANARY}` }), ok: true },
    { name: 'an unknown token', data: () => ({ token: `ghp_unknown_${CANARY}` }), ok: false },
  ])('reports $name', async ({ data, ok }) => {
    const http = createHttpClient(FAST_RETRY);
    const result = await testCredential(
      { name: 't', type: 'github.token', data: { ...data(), baseUrl: servers.github.baseUrl } },
      { http },
    );

    expect(result.ok).toBe(ok);
    expectNoCanary(result);
  });

  it('mints an App token with a fresh cache', async () => {
    const http = createHttpClient(FAST_RETRY);
    const data = {
      appId: app.appId,
      installationId: app.installationId,
      privateKey: app.privateKeyPem,
      baseUrl: servers.github.baseUrl,
    };

    const result = await testCredential(
      { name: 'app', type: 'github.app', data },
      { http, tokenCache: new TokenCache() },
    );

    expect(result).toMatchObject({ ok: true });
  });
});
