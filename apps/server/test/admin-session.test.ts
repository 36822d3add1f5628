import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startServer, type TestServer } from './support/test-server.js';
import { signIn } from './support/admin-client.js';

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ loginMaxFailures: 3 });
});

afterAll(async () => {
  await server.close();
  server.removeData();
});

describe('admin session', () => {
  it('healthz answers 200', async () => {
    const response = await fetch(`${server.baseUrl}/healthz`);
    expect(response.status).toBe(200);
  });

  it('sign-in sets an HttpOnly SameSite=Strict cookie', async () => {
    const response = await fetch(`${server.baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const body = (await response.json()) as { user: { username: string }; csrfToken: string };
    expect(body.user.username).toBe('admin');
    expect(body.csrfToken).toEqual(expect.any(String));
  });

  it('malformed JSON gets invalid_body', async () => {
    const response = await fetch(`${server.baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username": "admin", ',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string } };
    expect(body.error.code).toBe('invalid_body');
  });

  it('session routes need the cookie', async () => {
    const response = await fetch(`${server.baseUrl}/api/endpoints`);
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { code: string } };
    expect(body.error.code).toBe('not_signed_in');
  });

  it('GET session returns the user and token', async () => {
    const admin = await signIn(server.baseUrl, ADMIN_PASSWORD);
    const response = await admin.request('GET', '/api/session');
    expect(response.status).toBe(200);
    expect(response.body.csrfToken).toBe(admin.csrfToken);
  });

  it('writes without the CSRF header are rejected', async () => {
    const admin = await signIn(server.baseUrl, ADMIN_PASSWORD);
    const response = await fetch(`${server.baseUrl}/api/endpoints`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ slug: 'no-csrf', name: 'No CSRF' }),
    });
    expect(response.status).toBe(403);
    const wrong = await fetch(`${server.baseUrl}/api/endpoints`, {
      method: 'POST',
      headers: {
        cookie: admin.cookie,
        'content-type': 'application/json',
        'x-csrf-token': 'wrong',
      },
      body: JSON.stringify({ slug: 'no-csrf', name: 'No CSRF' }),
    });
    expect(wrong.status).toBe(403);
    const list = await admin.request('GET', '/api/endpoints');
    expect(list.body.map((e: { slug: string }) => e.slug)).not.toContain('no-csrf');
  });

  it('sign-out ends the session', async () => {
    const admin = await signIn(server.baseUrl, ADMIN_PASSWORD);
    expect((await admin.request('DELETE', '/api/session')).status).toBe(204);
    expect((await admin.request('GET', '/api/session')).status).toBe(401);
  });

  it('repeated failed sign-ins get 429', async () => {
    const attempt = () =>
      fetch(`${server.baseUrl}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'wrong-password' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt()).status);
    expect(statuses).toEqual([401, 401, 401, 429]);

    // The correct password is also refused while the address is locked out.
    const locked = await fetch(`${server.baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
