import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type AdminClient } from '../support/admin-client.js';
import { ADMIN_PASSWORD, startServer, type TestServer } from '../support/test-server.js';

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

describe('OpenAPI document', () => {
  it('needs the admin session', async () => {
    const response = await fetch(`${server.baseUrl}/api/openapi.json`);
    expect(response.status).toBe(401);
  });

  it('parses and lists the admin routes', async () => {
    const response = await fetch(`${server.baseUrl}/api/openapi.json`, {
      headers: { cookie: admin.cookie },
    });
    expect(response.status).toBe(200);
    const document = JSON.parse(await response.text());

    expect(document.openapi).toBe('3.1.0');
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods as object).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'POST /api/session',
        'GET /api/endpoints',
        'GET /api/flows',
        'POST /api/flows',
        'GET /api/flows/{id}',
        'PUT /api/flows/{id}/draft',
        'PATCH /api/flows/{id}',
        'DELETE /api/flows/{id}',
        'POST /api/flows/{id}/duplicate',
        'POST /api/flows/validate',
        'POST /api/flows/{id}/publish',
        'GET /api/flows/{id}/versions',
        'GET /api/flows/{id}/versions/{version}',
        'POST /api/flows/{id}/versions/{version}/restore',
        'GET /api/flows/{id}/export',
        'POST /api/flows/import',
        'GET /api/samples',
        'GET /api/credentials',
        'POST /api/credentials',
        'PUT /api/credentials/{id}',
        'DELETE /api/credentials/{id}',
        'POST /api/credentials/{id}/test',
        'GET /api/openapi.json',
      ]),
    );
    expect(operations.some((operation) => operation.startsWith('HEAD '))).toBe(false);
  });

  it('describes bodies from the zod schemas', async () => {
    const response = await fetch(`${server.baseUrl}/api/openapi.json`, {
      headers: { cookie: admin.cookie },
    });
    const document = JSON.parse(await response.text());

    const createFlow = document.paths['/api/flows'].post;
    const flowBody = createFlow.requestBody.content['application/json'].schema;
    expect(flowBody.required).toEqual(['document']);
    expect(flowBody.properties.document.properties.formatVersion).toEqual({
      type: 'number',
      const: 1,
    });
    expect(Object.keys(createFlow.responses)).toEqual(['201', 'default']);

    const createCredential = document.paths['/api/credentials'].post;
    const variants = createCredential.requestBody.content['application/json'].schema.oneOf;
    const githubToken = variants.find(
      (variant: { properties: { type: { const: string } } }) =>
        variant.properties.type.const === 'github.token',
    );
    expect(githubToken.properties.data.properties.token.secret).toBe(true);

    const publish = document.paths['/api/flows/{id}/publish'].post;
    expect(publish.parameters).toEqual([
      {
        name: 'id',
        in: 'path',
        required: true,
        schema: expect.objectContaining({ type: 'string' }),
      },
    ]);
    expect(publish.security).toEqual([{ session: [], csrf: [] }]);
    expect(document.paths['/api/session'].post.security).toEqual([]);
  });
});
