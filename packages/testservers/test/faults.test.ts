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

const invite = () =>
  send(seed.url('/orgs/acme/invitations'), {
    method: 'POST',
    token: seed.token,
    body: { email: 'x@example.com' },
  });

describe('fault injection', () => {
  it('rate-limits the next request with Retry-After', async () => {
    servers.faults.add({
      api: 'github',
      method: 'POST',
      path: '/orgs/*/invitations',
      action: { kind: 'rateLimit', retryAfterSeconds: 7 },
    });

    const limited = await invite();
    const passed = await invite();

    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.body.message).toMatch(/secondary rate limit/);
    expect(passed.status).toBe(201);
  });

  it('omits Retry-After when asked', async () => {
    servers.faults.add({
      path: '/orgs/**',
      action: { kind: 'rateLimit', status: 403, retryAfterSeconds: null },
    });

    const limited = await invite();

    expect(limited.status).toBe(403);
    expect(limited.headers.get('retry-after')).toBeNull();
  });

  it('fails N requests with a 5xx then passes', async () => {
    servers.faults.add({
      path: '/orgs/acme/invitations',
      times: 2,
      action: { kind: 'error', status: 503 },
    });

    const statuses = [(await invite()).status, (await invite()).status, (await invite()).status];

    expect(statuses).toEqual([503, 503, 201]);
    expect(servers.github.invitations('acme')).toHaveLength(1);
  });

  it('delays a request', async () => {
    servers.faults.add({ path: '/users/mona', action: { kind: 'delay', ms: 150 } });

    const started = Date.now();
    const response = await send(seed.url('/users/mona'), { token: seed.token });

    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('applies the change and then returns 500', async () => {
    servers.faults.add({
      path: '/orgs/acme/invitations',
      method: 'POST',
      action: { kind: 'applyThenFail' },
    });

    const response = await invite();

    expect(response.status).toBe(500);
    expect(response.body).toEqual({ message: 'Server Error' });
    expect(servers.github.invitations('acme')).toHaveLength(1);
  });

  it('applies the change and then drops the connection', async () => {
    servers.faults.add({
      path: '/orgs/acme/invitations',
      method: 'POST',
      action: { kind: 'applyThenFail', mode: 'reset' },
    });

    await expect(invite()).rejects.toThrow();
    expect(servers.github.invitations('acme')).toHaveLength(1);
  });

  it('drops the connection without applying', async () => {
    servers.faults.add({ path: '/orgs/acme/invitations', action: { kind: 'reset' } });

    await expect(invite()).rejects.toThrow();
    expect(servers.github.invitations('acme')).toHaveLength(0);
  });

  it('uses the Google error shape', async () => {
    servers.faults.add({ api: 'google', path: '/admin/**', action: { kind: 'rateLimit' } });
    const token = servers.google.issueAccessToken({ subject: 'admin@example.com' });

    const response = await send(`${servers.google.directoryBaseUrl}/users/a@example.com`, {
      token,
    });

    expect(response.status).toBe(429);
    expect(response.body.error.errors[0].reason).toBe('rateLimitExceeded');
  });

  it('is set and cleared over HTTP', async () => {
    const added = await send(`${servers.origin}/__control/faults`, {
      method: 'POST',
      body: { path: '/users/*', times: 3, action: { kind: 'error', status: 502 } },
    });
    const listed = await send(`${servers.origin}/__control/faults`);
    const failed = await send(seed.url('/users/mona'), { token: seed.token });
    const cleared = await send(`${servers.origin}/__control/faults`, { method: 'DELETE' });
    const passed = await send(seed.url('/users/mona'), { token: seed.token });

    expect(added.status).toBe(201);
    expect(listed.body.faults[0].remaining).toBe(3);
    expect(failed.status).toBe(502);
    expect(cleared.status).toBe(204);
    expect(passed.status).toBe(200);
  });

  it.each([
    ['a relative path', { path: 'users', action: { kind: 'reset' } }, 'users'],
    ['an unknown kind', { path: '/users', action: { kind: 'explode' } }, 'explode'],
    ['a 2xx error status', { path: '/users', action: { kind: 'error', status: 200 } }, '200'],
    ['a negative delay', { path: '/users', action: { kind: 'delay', ms: -1 } }, '-1'],
    ['zero times', { path: '/users', times: 0, action: { kind: 'reset' } }, '0'],
  ])('rejects %s over HTTP', async (_case, rule, named) => {
    const response = await send(`${servers.origin}/__control/faults`, {
      method: 'POST',
      body: rule,
    });

    expect(response.status).toBe(400);
    expect(response.body.message).toContain(named);
    expect(servers.faults.list()).toEqual([]);
  });
});

describe('control routes', () => {
  it('returns state and request counts', async () => {
    await invite();

    const state = await send(`${servers.origin}/__control/state`);
    const requests = await send(`${servers.origin}/__control/requests?api=github&method=POST`);

    expect(state.body.github[0].invitations[0].email).toBe('x@example.com');
    expect(requests.body.requests).toHaveLength(1);
    expect(requests.body.requests[0]).toMatchObject({
      path: '/orgs/acme/invitations',
      status: 201,
      body: { email: 'x@example.com' },
    });
  });

  it('resets state and reruns seeders', async () => {
    await invite();

    const response = await send(`${servers.origin}/__control/reset`, { method: 'POST' });

    expect(response.status).toBe(200);
    expect(servers.state().github).toEqual([]);
    expect(servers.requests.count()).toBe(0);
  });

  it('renders the state page with escaped values', async () => {
    await send(seed.url('/orgs/acme/invitations'), {
      method: 'POST',
      token: seed.token,
      body: { email: '<b>x</b>@example.com' },
    });
    servers.google.createSpreadsheet({
      title: 'Roster',
      sheets: [{ title: 'Roster', rows: [['email']] }],
    });

    const response = await fetch(`${servers.origin}/`);
    const html = await response.text();

    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;@example.com');
    expect(html).not.toContain('<b>x</b>');
    expect(html).toContain('Sheet Roster / Roster');
  });
});
