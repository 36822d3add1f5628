import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ScimError, scimErrors } from '@scimflow/scim';

export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

/** Sends a SCIM error body (RFC 7644 section 3.12) with its status. */
export function sendScimError(reply: FastifyReply, error: ScimError): FastifyReply {
  return reply.status(error.status).type(SCIM_CONTENT_TYPE).send(error.toJSON());
}

/**
 * Maps any error thrown in a SCIM route to a SCIM error, so Fastify's default error body is never
 * sent. `bodyLimit` is the route's maximum body size in bytes, named in the 413 message.
 */
export function toScimError(error: unknown, bodyLimit: number): ScimError {
  if (error instanceof ScimError) return error;

  const fastifyError = error as Partial<FastifyError>;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return scimErrors.payloadTooLarge(
        `The request body exceeds the limit of ${bodyLimit} bytes. Send a smaller body, or split the change into several requests.`,
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return scimErrors.invalidSyntax(fastifyError.message ?? 'The request body is invalid');
  }
  if (
    typeof fastifyError.statusCode === 'number' &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  ) {
    return new ScimError(fastifyError.statusCode, fastifyError.message ?? 'Invalid request');
  }
  return scimErrors.internal(
    'Internal server error; the server log has the details under this request id',
  );
}

/** The routes of a scope, as its not-found handler describes them. */
export interface ScopeRoutes {
  /** Returns the methods a path supports, for a 405 with `Allow`, or undefined for no route. */
  routeMethods: (path: string) => string[] | undefined;
  /** Returns the right spelling of a path that has no route, for the 404 message. */
  correctedPath?: (path: string) => string | undefined;
}

/** Installs SCIM error and not-found handlers on an encapsulated scope. */
export function useScimErrors(app: FastifyInstance, routes: ScopeRoutes): void {
  app.setErrorHandler((error, request, reply) => {
    const scimError = toScimError(
      error,
      request.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 0,
    );
    if (scimError.status >= 500) {
      request.log.error(
        { err: error, endpoint: request.scimEndpoint?.slug },
        'SCIM request failed',
      );
    } else {
      request.log.info(
        { status: scimError.status, scimType: scimError.scimType, detail: scimError.detail },
        'SCIM request rejected',
      );
    }
    return sendScimError(reply, scimError);
  });

  app.setNotFoundHandler((request: FastifyRequest, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = routes.routeMethods(path);
    if (allowed) {
      reply.header('allow', allowed.join(', '));
      return sendScimError(
        reply,
        new ScimError(
          405,
          `Method ${request.method} is not supported on ${path}; use ${allowed.join(', ')}`,
        ),
      );
    }
    const corrected = routes.correctedPath?.(path);
    const hint =
      corrected === undefined ? '' : `. Resource paths are case-sensitive: use ${corrected}`;
    return sendScimError(reply, scimErrors.notFound(`No SCIM resource or route at ${path}${hint}`));
  });
}
