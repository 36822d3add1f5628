import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  SCHEMAS,
  resourceTypes,
  schemaDocuments,
  scimErrors,
  serviceProviderConfig,
} from '@scimflow/scim';
import { MAX_COUNT } from './list-query.js';

type SlugRequest = FastifyRequest<{ Params: { slug: string; id?: string } }>;

function baseUrl(app: FastifyInstance, request: SlugRequest): string {
  return `${app.scimflow.publicUrl()}/scim/v2/${request.params.slug}`;
}

function listOf(resources: object[]) {
  return {
    schemas: [SCHEMAS.listResponse],
    totalResults: resources.length,
    startIndex: 1,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

/** `/ServiceProviderConfig`, `/ResourceTypes` and `/Schemas` (RFC 7644 section 4). */
export async function discoveryRoutes(app: FastifyInstance): Promise<void> {
  app.get('/:slug/ServiceProviderConfig', async (request: SlugRequest) =>
    serviceProviderConfig({ maxResults: MAX_COUNT, baseUrl: baseUrl(app, request) }),
  );

  app.get('/:slug/ResourceTypes', async (request: SlugRequest) =>
    listOf(resourceTypes(baseUrl(app, request))),
  );

  app.get('/:slug/ResourceTypes/:id', async (request: SlugRequest) => {
    const wanted = request.params.id ?? '';
    const found = resourceTypes(baseUrl(app, request)).find(
      (type) =>
        type.id?.toLowerCase() === wanted.toLowerCase() ||
        type.name.toLowerCase() === wanted.toLowerCase(),
    );
    if (!found)
      throw scimErrors.notFound(`No resource type "${wanted}"; this server has User and Group`);
    return found;
  });

  app.get('/:slug/Schemas', async (request: SlugRequest) =>
    listOf(schemaDocuments(baseUrl(app, request))),
  );

  app.get('/:slug/Schemas/:id', async (request: SlugRequest) => {
    const wanted = request.params.id ?? '';
    const found = schemaDocuments(baseUrl(app, request)).find(
      (schema) => schema.id.toLowerCase() === wanted.toLowerCase(),
    );
    if (!found) throw scimErrors.notFound(`No schema "${wanted}"; list them with GET /Schemas`);
    return found;
  });
}
