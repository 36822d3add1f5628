import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { buildOpenApiDocument } from './openapi-document.js';
import { documented } from './route-doc.js';

/** The server package's version, shown as the API version. */
const API_VERSION = '0.1.0';

/** `GET /api/openapi.json`: the OpenAPI 3.1 document of the admin API, built on first request. */
export async function openapiRoutes(app: FastifyInstance): Promise<void> {
  let cached: Record<string, unknown> | undefined;

  app.get(
    '/openapi.json',
    documented({
      tag: 'OpenAPI',
      summary: 'Get this OpenAPI document',
      response: z.record(z.string(), z.unknown()),
    }),
    async () => {
      // Every route is registered once the server listens, so the document never changes after.
      cached ??= buildOpenApiDocument(app.routeCatalogue, API_VERSION);
      return cached;
    },
  );
}
