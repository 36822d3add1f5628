import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProvisioningEventSchema } from '@scimflow/flow';
import {
  EndpointSchema,
  EndpointWithSecretsSchema,
  RequestLogEntrySchema,
} from '../src/admin/endpoint-schemas.js';
import { ExecutionSummarySchema, ExecutionViewSchema } from '../src/executions/execution-view.js';
import { loggingFlow } from './flows/documents.js';
import { signIn, type AdminClient, type JsonBody } from './support/admin-client.js';
import { createEndpoint, type TestEndpoint } from './support/endpoint.js';
import { scim, userBody } from './support/scim-client.js';
import { ADMIN_PASSWORD, startServer, type TestServer } from './support/test-server.js';

let server: TestServer;
let admin: AdminClient;
let endpoint: TestEndpoint;

beforeAll(async () => {
  server = await startServer();
  admin = await signIn(server.baseUrl, ADMIN_PASSWORD);
  endpoint = await createEndpoint(admin, 'documented');
  const created = await scim(endpoint.usersUrl, {
    method: 'POST',
    token: endpoint.secrets.bearerToken,
    body: userBody('documented@example.org'),
  });
  expect(created.status).toBe(201);
});

afterAll(async () => {
  await server.close();
  server.removeData();
});

/** Parses `body` with `schema` made strict, so a field the document leaves out fails too. */
function expectShape(schema: z.ZodObject, body: JsonBody): void {
  const result = schema.strict().safeParse(body);
  expect(result.error?.issues ?? []).toEqual([]);
}

async function openapiDocument(): Promise<JsonBody> {
  const response = await fetch(`${server.baseUrl}/api/openapi.json`, {
    headers: { cookie: admin.cookie },
  });
  expect(response.status).toBe(200);
  return response.json();
}

describe('admin API responses match the OpenAPI schemas', () => {
  it('endpoint list and read', async () => {
    const list = await admin.request('GET', '/api/endpoints');
    expect(list.status).toBe(200);
    expect(list.body.length).toBeGreaterThan(0);
    for (const item of list.body) expectShape(EndpointSchema, item);

    const read = await admin.request('GET', `/api/endpoints/${endpoint.slug}`);
    expectShape(EndpointSchema, read.body);
  });

  it('endpoint create and rotate', async () => {
    const created = await admin.request('POST', '/api/endpoints', {
      slug: 'documented-2',
      name: 'Second',
    });
    expect(created.status).toBe(201);
    expectShape(EndpointWithSecretsSchema, created.body);

    const rotated = await admin.request(
      'POST',
      '/api/endpoints/documented-2/credentials/oauth2/rotate',
    );
    expect(rotated.status).toBe(200);
    expectShape(EndpointWithSecretsSchema, rotated.body);
  });

  it('request log entries', async () => {
    const log = await admin.request('GET', `/api/endpoints/${endpoint.slug}/requests?limit=5`);
    expect(log.status).toBe(200);
    expect(log.body.length).toBeGreaterThan(0);
    for (const entry of log.body) expectShape(RequestLogEntrySchema, entry);
  });

  it('events', async () => {
    const events = await admin.request('GET', `/api/events?endpoint=${endpoint.slug}`);
    expect(events.status).toBe(200);
    expect(events.body.length).toBeGreaterThan(0);
    const StoredEvent = ProvisioningEventSchema.extend({ sequence: z.number().int() });
    for (const event of events.body) expectShape(StoredEvent, event);
  });

  it('execution list and detail', async () => {
    const flow = await admin.request('POST', '/api/flows', { document: loggingFlow('Logged') });
    expect(flow.status).toBe(201);
    const run = await admin.request('POST', `/api/flows/${flow.body.id}/test-run`, {
      sampleId: 'asgardeo-user-created',
      dryRun: true,
    });
    expect(run.status).toBe(200);
    expectShape(ExecutionViewSchema, run.body);

    const list = await admin.request('GET', '/api/executions?test=true');
    expect(list.body.items.length).toBe(1);
    expectShape(ExecutionSummarySchema, list.body.items[0]);

    const detail = await admin.request('GET', `/api/executions/${run.body.id}`);
    expectShape(ExecutionViewSchema, detail.body);
    expect(detail.body.steps.length).toBeGreaterThan(0);
  });

  it('every admin route is documented', async () => {
    const document = await openapiDocument();
    const undocumented: string[] = [];
    for (const [path, methods] of Object.entries(document.paths as Record<string, JsonBody>)) {
      for (const [method, operation] of Object.entries(methods as Record<string, JsonBody>)) {
        // A route without `documented()` gets its method and URL as summary, and no success body.
        const key = `${method.toUpperCase()} ${path}`;
        if (operation.summary.startsWith(method.toUpperCase() + ' ')) undocumented.push(key);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('uses only standard formats', async () => {
    const text = JSON.stringify(await openapiDocument());
    const formats = new Set([...text.matchAll(/"format":"([^"]+)"/g)].map((match) => match[1]));

    expect(formats.has('includes')).toBe(false);
    expect([...formats].filter((format) => /_/.test(format ?? ''))).toEqual([]);
  });
});
