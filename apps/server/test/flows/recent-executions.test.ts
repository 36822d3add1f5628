import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type AdminClient } from '../support/admin-client.js';
import { createEndpoint } from '../support/endpoint.js';
import { scim } from '../support/scim-client.js';
import { ADMIN_PASSWORD, startServer, type TestServer } from '../support/test-server.js';
import { loggingFlow } from './documents.js';

let server: TestServer;
let admin: AdminClient;

beforeAll(async () => {
  server = await startServer();
  admin = await signIn(server.baseUrl, ADMIN_PASSWORD);
});

afterAll(async () => {
  await server.close();
  server.removeData();
});

interface RecentExecution {
  id: string;
  status: string;
  startedAt: string | null;
}

/** Polls the flow list until the flow's newest execution has finished, for at most 10 s. */
async function finishedExecutions(flowId: string): Promise<RecentExecution[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const list = await admin.request('GET', '/api/flows');
    const entry = list.body.find((flow: { id: string }) => flow.id === flowId);
    const recent: RecentExecution[] = entry.recentExecutions;
    const finished = recent.length > 0 && ['succeeded', 'failed'].includes(recent[0]!.status);
    if (finished || Date.now() > deadline) return recent;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('flow list recent executions', () => {
  it('shows a run of a live event', async () => {
    const flow = await admin.request('POST', '/api/flows', { document: loggingFlow('Live run') });
    await admin.request('POST', `/api/flows/${flow.body.id}/publish`, { note: 'go live' });
    await admin.request('PATCH', `/api/flows/${flow.body.id}`, { enabled: true });

    const endpoint = await createEndpoint(admin, 'live');
    const created = await scim(endpoint.usersUrl, {
      method: 'POST',
      token: endpoint.secrets.bearerToken,
      body: {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'live.run@example.com',
      },
    });
    expect(created.status).toBe(201);

    const recent = await finishedExecutions(flow.body.id);
    expect(recent).toHaveLength(1);
    expect(recent[0]!.status).toBe('succeeded');
    expect(Date.parse(recent[0]!.startedAt ?? '')).not.toBeNaN();
  });
});
