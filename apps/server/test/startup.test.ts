import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { signIn, type JsonBody } from './support/admin-client.js';
import { startServer, type TestServer } from './support/test-server.js';

const servers: TestServer[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    await server.close().catch(() => undefined);
    server.removeData();
  }
});

function firstStartCredentials(logText: string): JsonBody | undefined {
  const line = logText.split('\n').find((l) => l.includes('firstStartCredentials'));
  return line ? JSON.parse(line).firstStartCredentials : undefined;
}

/** Runs the server's entry point as `pnpm start` does, on 127.0.0.1, until it exits. */
function runMain(env: Record<string, string>) {
  return spawnSync(
    process.execPath,
    ['--conditions=@scimflow/source', '--import', 'tsx', 'apps/server/src/main.ts'],
    {
      cwd: path.resolve(import.meta.dirname, '../../..'),
      env: { ...process.env, HOST: '127.0.0.1', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
}

describe('startup', () => {
  it('first start logs URLs and generated secrets once', async () => {
    const first = await startServer({ adminPassword: undefined });
    servers.push(first);
    const ready = first
      .logText()
      .split('\n')
      .find((l) => l.includes('"ScimFlow is ready"'));
    expect(ready).toBeDefined();
    const urls = JSON.parse(ready!);
    expect(urls.usersUrl).toBe(`${first.baseUrl}/scim/v2/default/Users`);
    expect(urls.groupsUrl).toBe(`${first.baseUrl}/scim/v2/default/Groups`);
    expect(urls.legacyUrl).toBe(`${first.baseUrl}/scim-choreo/default`);
    expect(urls.tokenUrl).toBe(`${first.baseUrl}/oauth2/token`);

    const generated = firstStartCredentials(first.logText());
    const password = generated?.adminLogin?.initialAdminPassword as string;
    expect(password).toEqual(expect.any(String));
    const response = await fetch(`${first.baseUrl}/scim/v2/default/Users`, {
      headers: { authorization: `Bearer ${generated?.scimBearer}` },
    });
    expect(response.status).toBe(200);
    await first.close();

    const second = await startServer({ dataDir: first.dataDir, adminPassword: undefined });
    servers.push(second);
    expect(firstStartCredentials(second.logText())).toBeUndefined();
    expect(second.logText()).not.toContain(password);
    await expect(signIn(second.baseUrl, password)).resolves.toBeDefined();
  });

  it('secrets from the environment are not logged', async () => {
    const server = await startServer({
      defaultEndpoint: {
        // Shaped like a JWT on purpose: a static token with dots still authenticates.
        bearerToken: 'env.token-canary.1',
        basicUsername: 'idp',
        basicPassword: 'env-basic-canary-2',
      },
    });
    servers.push(server);
    const generated = firstStartCredentials(server.logText());
    expect(generated?.scimBearer).toBeUndefined();
    expect(generated?.scimBasic).toBeUndefined();
    expect(generated?.scimApiKey).toEqual(expect.any(String));
    expect(server.logText()).not.toContain('env.token-canary.1');
    expect(server.logText()).not.toContain('env-basic-canary-2');

    const bearer = await fetch(`${server.baseUrl}/scim/v2/default/Users`, {
      headers: { authorization: 'Bearer env.token-canary.1' },
    });
    expect(bearer.status).toBe(200);

    const basic = Buffer.from('idp:env-basic-canary-2').toString('base64');
    const response = await fetch(`${server.baseUrl}/scim/v2/default/Users`, {
      headers: { authorization: `Basic ${basic}` },
    });
    expect(response.status).toBe(200);
  });

  it('names the taken port and the variable to change', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scimflow-port-taken-'));
    try {
      const result = runMain({
        PORT: String(port),
        SCIMFLOW_DATA_DIR: dataDir,
        SCIMFLOW_ADMIN_PASSWORD: 'port-taken-password-3',
      });

      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`127.0.0.1:${port} is in use by another program`);
      expect(result.stderr).toContain('PORT');
    } finally {
      blocker.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 70_000);

  it('logs the HTTP allowlist once', async () => {
    const server = await startServer({
      runtime: { httpAllowedHosts: '127.0.0.1, localhost:4010', threads: 0 },
    });
    servers.push(server);

    const lines = server
      .logText()
      .split('\n')
      .filter((line) => line.includes('httpAllowedHosts'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!).httpAllowedHosts).toEqual(['127.0.0.1', 'localhost:4010']);
  });

  it('logs no allowlist when none is set', async () => {
    const server = await startServer();
    servers.push(server);

    expect(server.logText()).not.toContain('httpAllowedHosts');
  });

  it('stops on an invalid allowlist without a stack', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scimflow-bad-allowlist-'));
    try {
      const result = runMain({
        PORT: '0',
        SCIMFLOW_DATA_DIR: dataDir,
        SCIMFLOW_HTTP_ALLOWED_HOSTS: 'https://hooks.example.com/path',
      });

      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/^ScimFlow failed to start: SCIMFLOW_HTTP_ALLOWED_HOSTS: /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 70_000);

  it('idle session expires', async () => {
    const server = await startServer({ sessionIdleMs: 300 });
    servers.push(server);
    const admin = await signIn(server.baseUrl, server.config.adminPassword!);
    expect((await admin.request('GET', '/api/session')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await admin.request('GET', '/api/session')).status).toBe(401);
  });

  it('serves the designer build with client-side routes', async () => {
    const server = await startServer();
    await server.close();
    const dist = path.join(server.dataDir, 'web-dist');
    fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
    fs.writeFileSync(
      path.join(dist, 'index.html'),
      '<!doctype html><title>ScimFlow designer</title>',
    );
    fs.writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log("designer")');

    const withWeb = await startServer({ dataDir: server.dataDir, webDistDir: dist });
    servers.push(withWeb);
    const index = await fetch(`${withWeb.baseUrl}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('ScimFlow designer');
    expect((await fetch(`${withWeb.baseUrl}/assets/app.js`)).status).toBe(200);

    const deepLink = await fetch(`${withWeb.baseUrl}/flows/123`);
    expect(deepLink.status).toBe(200);
    expect(deepLink.headers.get('content-type')).toMatch(/text\/html/);

    const api = await fetch(`${withWeb.baseUrl}/api/nothing-here`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/application\/json/);
    const scim = await fetch(`${withWeb.baseUrl}/scim/v2/default/Nothing`);
    expect(scim.status).toBe(404);
    expect(scim.headers.get('content-type')).toMatch(/application\/scim\+json/);
  });
});
