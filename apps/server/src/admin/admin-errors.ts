import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError } from 'zod';

/** An admin API error with a stable code; sent as `{error: {code, message}}` with `status`. */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems?: unknown[],
  ) {
    super(message);
  }
}

/** Sets the admin API's error and not-found handlers on an encapsulated scope. */
export function useAdminErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AdminError | ZodError, request, reply) => {
    if (error instanceof AdminError) {
      request.log.info({ code: error.code }, error.message);
      return reply.status(error.status).send({
        error: {
          code: error.code,
          message: error.message,
          ...(error.problems ? { problems: error.problems } : {}),
        },
      });
    }

    if (error instanceof ZodError) {
      const problems = error.issues.map((issue) => ({
        path: issue.path.join('.'),
        message: issue.message,
      }));
      const first = problems[0];
      return reply.status(400).send({
        error: {
          code: 'invalid_request',
          message: first
            ? `Invalid request: ${first.path || 'body'}: ${first.message}`
            : 'Invalid request',
          problems,
        },
      });
    }

    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'admin request failed');
      return reply.status(500).send({
        error: {
          code: 'internal_error',
          message: 'Internal server error; see the server log for the request id',
        },
      });
    }

    // Fastify's body parser errors (malformed JSON, body too large) get stable codes of our own.
    const code = String(error.code ?? '');
    const stable =
      status === 413
        ? 'body_too_large'
        : code.startsWith('FST_ERR_CTP')
          ? 'invalid_body'
          : 'bad_request';
    request.log.info({ code: stable, status }, error.message);
    return reply.status(status).send({ error: { code: stable, message: error.message } });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      error: {
        code: 'route_not_found',
        message: `No admin API route ${request.method} ${request.url.split('?')[0]}`,
      },
    });
  });
}
