import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  EndpointExistsError,
  SLUG_PATTERN,
  type EndpointRow,
} from '../endpoints/endpoint-store.js';
import { endpointUrls } from '../endpoints/endpoint-urls.js';
import { AdminError } from './admin-errors.js';

const CreateBody = z.object({
  slug: z
    .string()
    .regex(
      SLUG_PATTERN,
      'slug must be 1-63 lowercase letters, digits or "-", starting with a letter or digit',
    ),
  name: z.string().min(1).max(200),
});

const UpdateBody = z
  .object({
    name: z.string().min(1).max(200).optional(),
    apiKeyHeader: z
      .string()
      .regex(
        /^[A-Za-z0-9-]{1,100}$/,
        'apiKeyHeader must be an HTTP header name (letters, digits, "-")',
      )
      .refine(
        (name) => !['authorization', 'cookie', 'content-type', 'host'].includes(name.toLowerCase()),
        {
          message: 'apiKeyHeader must not be a standard header such as Authorization or Cookie',
        },
      )
      .optional(),
  })
  .strict();

const RotateParams = z.object({
  slug: z.string(),
  kind: z.enum(['bearer', 'basic', 'apiKey', 'oauth2']),
});
const RequestsQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

/** Admin routes for SCIM endpoints: create, read, update, delete, rotate credentials, request log. */
export async function endpointRoutes(app: FastifyInstance): Promise<void> {
  const { endpoints, requestLog } = app.scimflow;

  async function describe(endpoint: EndpointRow) {
    const credentials = await endpoints.credentials(endpoint.id);
    return {
      slug: endpoint.slug,
      name: endpoint.name,
      ...endpointUrls(app.scimflow.publicUrl(), endpoint.slug),
      auth: {
        bearer: { configured: Boolean(credentials?.bearer_token_hash) },
        basic: {
          username: credentials?.basic_username ?? null,
          configured: Boolean(credentials?.basic_password_hash),
        },
        apiKey: { header: endpoint.api_key_header, configured: Boolean(credentials?.api_key_hash) },
        oauth2: {
          clientId: credentials?.oauth_client_id ?? null,
          configured: Boolean(credentials?.oauth_client_secret_hash),
        },
      },
      counts: await endpoints.counts(endpoint.id),
      createdAt: endpoint.created_at,
    };
  }

  async function load(slug: string): Promise<EndpointRow> {
    const endpoint = await endpoints.findBySlug(slug);
    if (!endpoint)
      throw new AdminError(
        404,
        'endpoint_not_found',
        `No SCIM endpoint with slug "${slug}"; list them with GET /api/endpoints`,
      );
    return endpoint;
  }

  app.get('/endpoints', async () => Promise.all((await endpoints.list()).map(describe)));

  app.post('/endpoints', async (request, reply) => {
    const body = CreateBody.parse(request.body);
    try {
      const { endpoint, secrets } = await endpoints.createEndpoint(body.slug, body.name);
      request.log.info({ endpoint: endpoint.slug }, 'SCIM endpoint created');
      return reply.status(201).send({ endpoint: await describe(endpoint), secrets });
    } catch (error) {
      if (error instanceof EndpointExistsError)
        throw new AdminError(409, 'endpoint_slug_taken', error.message);
      throw error;
    }
  });

  app.get<{ Params: { slug: string } }>('/endpoints/:slug', async (request) =>
    describe(await load(request.params.slug)),
  );

  app.patch<{ Params: { slug: string } }>('/endpoints/:slug', async (request) => {
    const body = UpdateBody.parse(request.body ?? {});
    const endpoint = await endpoints.update(await load(request.params.slug), body);
    return describe(endpoint);
  });

  app.delete<{ Params: { slug: string } }>('/endpoints/:slug', async (request, reply) => {
    const endpoint = await load(request.params.slug);
    await requestLog.flush();
    await endpoints.delete(endpoint);
    request.log.info({ endpoint: endpoint.slug }, 'SCIM endpoint deleted');
    return reply.status(204).send();
  });

  app.post('/endpoints/:slug/credentials/:kind/rotate', async (request) => {
    const params = RotateParams.parse(request.params);
    const endpoint = await load(params.slug);
    const secrets = await endpoints.rotate(endpoint, params.kind);
    request.log.info(
      { endpoint: endpoint.slug, kind: params.kind },
      'SCIM endpoint credential rotated',
    );
    return { endpoint: await describe(endpoint), secrets };
  });

  app.get<{ Params: { slug: string } }>('/endpoints/:slug/requests', async (request) => {
    const query = RequestsQuery.parse(request.query);
    const endpoint = await load(request.params.slug);
    const rows = await requestLog.list(endpoint.id, query.limit);
    return rows.map((row) => ({
      id: row.seq,
      method: row.method,
      path: row.path,
      query: row.query,
      status: row.status,
      durationMs: row.duration_ms,
      userAgent: row.user_agent,
      dialect: row.dialect,
      requestBody: row.request_body,
      responseBody: row.response_body,
      at: row.created_at,
    }));
  });
}
