import type { z } from 'zod';

/**
 * The OpenAPI description of one route. Routes attach it as `config.openapi`, with the
 * same zod schemas that parse their bodies, so the document follows the validation.
 */
export interface RouteDoc {
  summary: string;
  /** Tag that groups the route, such as `Flows`. */
  tag: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Success status; 200 when left out. */
  status?: number;
  /** Success body; a 204 route has none. */
  response?: z.ZodType;
  /** Media type of the success body when it is not JSON, such as a download. */
  responseMediaType?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    openapi?: RouteDoc;
  }
}

/** Returns route options carrying `doc`, for `app.get(path, documented(doc), handler)`. */
export function documented(doc: RouteDoc): { config: { openapi: RouteDoc } } {
  return { config: { openapi: doc } };
}
