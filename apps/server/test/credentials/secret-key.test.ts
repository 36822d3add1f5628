import crypto from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/admin-client.js';
import { ADMIN_PASSWORD, startServer, type TestServer } from '../support/test-server.js';

const servers: TestServer[] = [];

afterAll(async () => {
  for (const server of servers) await server.close();
  servers[0]?.removeData();
});

describe('credentials under another secret key', () => {
  it('list and test mark secrets unreadable', async () => {
    const first = await startServer({ secretKey: crypto.randomBytes(32) });
    servers.push(first);
    const admin = await signIn(first.baseUrl, ADMIN_PASSWORD);
    const created = await admin.request('POST', '/api/credentials', {
      name: 'Sealed',
      type: 'http.bearer',
      data: { token: 'sealed-token-value' },
    });
    expect(created.body.secretFields).toEqual(['token']);
    await first.close();
    servers.pop();

    const second = await startServer({ dataDir: first.dataDir, secretKey: crypto.randomBytes(32) });
    servers.push(second);
    const again = await signIn(second.baseUrl, ADMIN_PASSWORD);

    const list = await again.request('GET', '/api/credentials');
    expect(list.status).toBe(200);
    expect(list.body[0].secretFields).toEqual([]);

    const tested = await again.request('POST', `/api/credentials/${created.body.id}/test`);
    expect(tested.status).toBe(200);
    expect(tested.body.ok).toBe(false);
    expect(tested.body.message).toMatch(/do not decrypt/);
  });
});
