import { request as httpRequest } from 'node:http';

import { SignJWT, importPKCS8 } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startTestServers, type TestServers } from '../src/index.js';
import { seedGithub, send } from './helpers.js';

let servers: TestServers;
let seed: ReturnType<typeof seedGithub>;

beforeAll(async () => {
  servers = await startTestServers();
});

afterAll(async () => {
  await servers.close();
});

beforeEach(async () => {
  await servers.reset();
  seed = seedGithub(servers);
});

async function appJwt(
  privateKeyPem: string,
  appId: number,
  lifetimeSeconds = 540,
  iatOffset = -60,
) {
  const key = await importPKCS8(privateKeyPem, 'RS256');
  const iat = Math.floor(Date.now() / 1000) + iatOffset;
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer(String(appId))
    .setIssuedAt(iat)
    .setExpirationTime(iat + lifetimeSeconds)
    .sign(key);
}

describe('GitHub authentication', () => {
  it.each([
    ['Bearer', (token: string) => `Bearer ${token}`],
    ['token', (token: string) => `token ${token}`],
  ])('accepts the %s scheme', async (_scheme, header) => {
    const response = await send(seed.url('/orgs/acme/invitations'), {
      headers: { authorization: header(seed.token) },
    });

    expect(response.status).toBe(200);
  });

  it('rejects an unknown token with Bad credentials', async () => {
    const response = await send(seed.url('/orgs/acme/invitations'), { token: 'ghp_unknown' });

    expect(response.status).toBe(401);
    expect(response.body.message).toBe('Bad credentials');
    expect(response.body.documentation_url).toMatch(/^https:\/\/docs\.github\.com/);
  });

  it('rejects a member who is not an owner on writes', async () => {
    servers.github.addMember('acme', 'mona');
    const token = servers.github.createToken('mona');

    const read = await send(seed.url('/orgs/acme/invitations'), { token });
    const write = await send(seed.url('/orgs/acme/invitations'), {
      method: 'POST',
      token,
      body: { email: 'x@example.com' },
    });

    expect(read.status).toBe(200);
    expect(write.status).toBe(403);
  });

  it('rejects a fine-grained token without members write', async () => {
    const token = servers.github.createFineGrainedToken('octo-owner', { members: 'read' });

    const read = await send(seed.url('/orgs/acme/invitations'), { token });
    const write = await send(seed.url('/orgs/acme/invitations'), {
      method: 'POST',
      token,
      body: { email: 'x@example.com' },
    });

    expect(token).toMatch(/^github_pat_/);
    expect(read.status).toBe(200);
    expect(write.status).toBe(403);
    expect(write.body.message).toBe('Resource not accessible by personal access token');
    expect(write.headers.get('x-accepted-github-permissions')).toBe('members=write');
  });

  it('hides an organization from non-members', async () => {
    const token = servers.github.createToken('stranger');

    const response = await send(seed.url('/orgs/acme/invitations'), { token });

    expect(response.status).toBe(404);
  });

  it('rejects a request without User-Agent', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(seed.url('/users/mona'), (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end();
    });

    expect(status).toBe(403);
  });

  it('rejects an unknown API version', async () => {
    const response = await send(seed.url('/users/mona'), {
      token: seed.token,
      headers: { 'x-github-api-version': '2001-01-01' },
    });

    expect(response.status).toBe(400);
    expect(response.body.message).toContain('2001-01-01');
  });

  it('rejects bad JSON', async () => {
    const response = await send(seed.url('/orgs/acme/invitations'), {
      method: 'POST',
      token: seed.token,
      body: '{"email":',
    });

    expect(response.status).toBe(400);
    expect(response.body.message).toBe('Problems parsing JSON');
  });
});

describe('GitHub rate limit', () => {
  it('sends rate-limit headers on every response', async () => {
    const response = await send(seed.url('/users/mona'), { token: seed.token });

    expect(response.headers.get('x-ratelimit-limit')).toBe('5000');
    expect(response.headers.get('x-ratelimit-remaining')).toBe('4999');
    expect(response.headers.get('x-ratelimit-used')).toBe('1');
    expect(response.headers.get('x-ratelimit-resource')).toBe('core');
    expect(Number(response.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
  });

  it.each([403, 429] as const)('rejects with %i once the budget is spent', async (status) => {
    servers.github.configure({ rateLimit: 2, rateLimitStatus: status });
    await send(seed.url('/users/mona'), { token: seed.token });
    await send(seed.url('/users/mona'), { token: seed.token });

    const response = await send(seed.url('/users/mona'), { token: seed.token });

    expect(response.status).toBe(status);
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(response.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    const owner = servers.github.createUser({ login: 'octo-owner' });
    expect(response.body.message).toBe(`API rate limit exceeded for user ID ${owner.id}.`);
  });

  it('does not count GET /rate_limit', async () => {
    await send(seed.url('/rate_limit'), { token: seed.token });
    const response = await send(seed.url('/rate_limit'), { token: seed.token });

    expect(response.body.resources.core.used).toBe(0);
  });
});

describe('GitHub App installation tokens', () => {
  it('issues a token for a valid app JWT', async () => {
    const app = servers.github.createApp({ org: 'acme' });
    const jwt = await appJwt(app.privateKeyPem, app.appId);

    const response = await send(
      seed.url(`/app/installations/${app.installationId}/access_tokens`),
      {
        method: 'POST',
        token: jwt,
      },
    );
    const invite = await send(seed.url('/orgs/acme/invitations'), {
      method: 'POST',
      token: response.body.token,
      body: { email: 'x@example.com' },
    });

    expect(response.status).toBe(201);
    expect(response.body.token).toMatch(/^ghs_/);
    expect(Date.parse(response.body.expires_at) - Date.now()).toBeGreaterThan(59 * 60 * 1000);
    expect(invite.status).toBe(201);
    expect(invite.body.inviter.login).toBe(`${app.slug}[bot]`);
  });

  it.each([
    ['a JWT signed by another key', 'otherKey'],
    ['an expired JWT', 'expired'],
    ['a JWT that lives over 10 minutes', 'tooLong'],
  ])('rejects %s with 401', async (_case, variant) => {
    const app = servers.github.createApp({ org: 'acme' });
    const other = servers.github.createApp({ org: 'acme' });
    const jwt =
      variant === 'otherKey'
        ? await appJwt(other.privateKeyPem, app.appId)
        : variant === 'expired'
          ? await appJwt(app.privateKeyPem, app.appId, 300, -1000)
          : await appJwt(app.privateKeyPem, app.appId, 3600);

    const response = await send(
      seed.url(`/app/installations/${app.installationId}/access_tokens`),
      {
        method: 'POST',
        token: jwt,
      },
    );

    expect(response.status).toBe(401);
    expect(typeof response.body.message).toBe('string');
  });

  it('rejects an installation without members write', async () => {
    const app = servers.github.createApp({ org: 'acme', permissions: { members: 'read' } });
    const jwt = await appJwt(app.privateKeyPem, app.appId);
    const issued = await send(seed.url(`/app/installations/${app.installationId}/access_tokens`), {
      method: 'POST',
      token: jwt,
    });

    const response = await send(seed.url('/orgs/acme/invitations'), {
      method: 'POST',
      token: issued.body.token,
      body: { email: 'x@example.com' },
    });

    expect(response.status).toBe(403);
    expect(response.body.message).toBe('Resource not accessible by integration');
    expect(response.headers.get('x-accepted-github-permissions')).toBe('members=write');
  });
});

describe('GitHub rate-limit reset', () => {
  it('restores the budget after resetRateLimits', async () => {
    servers.github.configure({ rateLimit: 1 });
    await send(seed.url('/users/mona'), { token: seed.token });
    const limited = await send(seed.url('/users/mona'), { token: seed.token });

    servers.github.resetRateLimits();
    const restored = await send(seed.url('/users/mona'), { token: seed.token });

    expect(limited.status).toBe(403);
    expect(restored.status).toBe(200);
    expect(restored.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(restored.headers.get('x-ratelimit-used')).toBe('1');
  });
});
