import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startTestServers, type TestServers } from '../src/index.js';
import { send } from './helpers.js';

let servers: TestServers;

beforeAll(async () => {
  servers = await startTestServers();
});

afterAll(async () => {
  await servers.close();
});

beforeEach(async () => {
  await servers.reset();
});

describe('HTTP target', () => {
  it('records requests and answers 200 by default', async () => {
    const response = await send(`${servers.http.baseUrl}/hooks/new-hire?source=scim`, {
      method: 'POST',
      headers: { authorization: 'Bearer hook-secret' },
      body: { userName: 'ada' },
    });

    const [recorded] = servers.requests.find({ api: 'http' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ok: true });
    expect(recorded).toMatchObject({
      method: 'POST',
      path: '/hooks/new-hire',
      query: { source: 'scim' },
      body: { userName: 'ada' },
      status: 200,
    });
    expect(recorded?.headers.authorization).toBe('Bearer hook-secret');
  });

  it('plays a scripted sequence and repeats the last', async () => {
    servers.http.setRoute({
      method: 'POST',
      path: '/hooks/*',
      responses: [
        { status: 429, headers: { 'retry-after': '2' }, body: { error: 'slow down' } },
        { status: 503 },
        { status: 201, body: { id: 'h-1' } },
      ],
    });

    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      statuses.push(
        (await send(`${servers.http.baseUrl}/hooks/a`, { method: 'POST', body: {} })).status,
      );
    }

    expect(statuses).toEqual([429, 503, 201, 201]);
  });

  it('keeps form and text bodies', async () => {
    await send(`${servers.http.baseUrl}/form`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1&b=two',
    });
    await send(`${servers.http.baseUrl}/text`, {
      method: 'PUT',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });

    expect(servers.requests.find({ path: '/form' })[0]?.body).toEqual({ a: '1', b: 'two' });
    expect(servers.requests.find({ path: '/text' })[0]?.body).toBe('hello');
  });

  it('echoes the request', async () => {
    const response = await send(`${servers.http.baseUrl}/echo?x=1`, {
      method: 'PATCH',
      body: { y: 2 },
    });

    expect(response.body).toMatchObject({
      method: 'PATCH',
      path: '/echo',
      query: { x: '1' },
      body: { y: 2 },
    });
  });
});
