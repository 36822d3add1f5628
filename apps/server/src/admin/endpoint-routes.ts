import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { EndpointExistsError, type EndpointRow } from '../endpoints/endpoint-store.js';
import { endpointUrls } from '../endpoints/endpoint-urls.js';
import { documented } from '../openapi/route-doc.js';
import { AdminError } from './admin-errors.js';
import {
  CreateEndpointBody,
  EndpointSchema,
  EndpointSlugParams,
  EndpointWithSecretsSchema,
  RequestLogEntrySchema,
  RequestsQuery,
  RotateParams,
  UpdateEndpointBody,
} from './endpoint-schemas.js';

const TAG = 'SCIM endpoints';

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

  app.get(
    '/endpoints',
    documented({
      tag: TAG,
      summary: 'List SCIM endpoints with their URLs and which credentials are set',
      response: z.array(EndpointSchema),
    }),
    async () => Promise.all((await endpoints.list()).map(describe)),
  );

  app.post(
    '/endpoints',
    documented({
      tag: TAG,
      summary: 'Create a SCIM endpoint; its generated credentials are returned only here',
      body: CreateEndpointBody,
      status: 201,
      response: EndpointWithSecretsSchema,
    }),
    async (request, reply) => {
      const body = CreateEndpointBody.parse(request.body);
      try {
        const { endpoint, secrets } = await endpoints.createEndpoint(body.slug, body.name);
        request.log.info({ endpoint: endpoint.slug }, 'SCIM endpoint created');
        return reply.status(201).send({ endpoint: await describe(endpoint), secrets });
      } catch (error) {
        if (error instanceof EndpointExistsError)
          throw new AdminError(409, 'endpoint_slug_taken', error.message);
        throw error;
      }
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/endpoints/:slug',
    documented({
      tag: TAG,
      summary: 'Read a SCIM endpoint',
      params: EndpointSlugParams,
      response: EndpointSchema,
    }),
    async (request) => describe(await load(request.params.slug)),
  );

  app.patch<{ Params: { slug: string } }>(
    '/endpoints/:slug',
    documented({
      tag: TAG,
      summary: "Rename a SCIM endpoint or change its API key's header",
      params: EndpointSlugParams,
      body: UpdateEndpointBody,
      response: EndpointSchema,
    }),
    async (request) => {
      const body = UpdateEndpointBody.parse(request.body ?? {});
      const endpoint = await endpoints.update(await load(request.params.slug), body);
      return describe(endpoint);
    },
  );

  app.delete<{ Params: { slug: string } }>(
    '/endpoints/:slug',
    documented({
      tag: TAG,
      summary: 'Delete a SCIM endpoint with its users, groups and request log',
      params: EndpointSlugParams,
      status: 204,
    }),
    async (request, reply) => {
      const endpoint = await load(request.params.slug);
      await requestLog.flush();
      await endpoints.delete(endpoint);
      request.log.info({ endpoint: endpoint.slug }, 'SCIM endpoint deleted');
      return reply.status(204).send();
    },
  );

  app.post(
    '/endpoints/:slug/credentials/:kind/rotate',
    documented({
      tag: TAG,
      summary: 'Replace one credential of a SCIM endpoint; the new one is returned only here',
      params: RotateParams,
      response: EndpointWithSecretsSchema,
    }),
    async (request) => {
      const params = RotateParams.parse(request.params);
      const endpoint = await load(params.slug);
      const secrets = await endpoints.rotate(endpoint, params.kind);
      request.log.info(
        { endpoint: endpoint.slug, kind: params.kind },
        'SCIM endpoint credential rotated',
      );
      return { endpoint: await describe(endpoint), secrets };
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/endpoints/:slug/requests',
    documented({
      tag: TAG,
      summary: "List a SCIM endpoint's logged requests and responses, newest first",
      params: EndpointSlugParams,
      query: RequestsQuery,
      response: z.array(RequestLogEntrySchema),
    }),
    async (request) => {
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
    },
  );
}
