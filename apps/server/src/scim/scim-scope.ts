import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ClientDialect } from '@scimflow/flow';
import { scimErrors } from '@scimflow/scim';
import type { EndpointRow } from '../endpoints/endpoint-store.js';
import { bodyForLog, redactQuery } from '../request-log/redact.js';
import { authenticate } from './endpoint-auth.js';
import { redactPatchSecrets } from './log-redaction.js';
import { SCIM_CONTENT_TYPE, sendScimError } from './scim-reply.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The SCIM endpoint named in the URL, set once the request authenticated. */
    scimEndpoint?: EndpointRow;
    /** The client dialect of a SCIM request. */
    dialect: ClientDialect;
    /** The raw request body text, kept for the request log. */
    rawBody?: string;
    /** The response body text, kept for the request log. */
    responseText?: string;
    startedAt?: bigint;
  }
}

const LOGGED_BODY_CHARS = 16 * 1024;

export const WWW_AUTHENTICATE = 'Bearer realm="scimflow", Basic realm="scimflow"';

/**
 * Adds what every SCIM scope shares: JSON parsing for any Content-Type, endpoint lookup and
 * authentication, the SCIM Content-Type on every response, and the per-endpoint request log.
 * `dialectOf` names the client dialect of a request.
 */
export function useScimScope(
  app: FastifyInstance,
  dialectOf: (request: FastifyRequest) => ClientDialect,
): void {
  if (!app.hasRequestDecorator('dialect')) app.decorateRequest('dialect', 'generic');

  // Identity providers send application/scim+json, application/json, with a charset, or nothing.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    request.rawBody = text;
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(
        scimErrors.invalidSyntax(`The request body is not valid JSON: ${(error as Error).message}`),
        undefined,
      );
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    request.startedAt = process.hrtime.bigint();
    request.dialect = dialectOf(request);

    const slug = (request.params as { slug?: string }).slug;
    if (!slug) return;

    const found = await app.scimflow.endpoints.resolve(slug);
    if (!found) {
      return sendScimError(
        reply,
        scimErrors.notFound(
          `No SCIM endpoint "${slug}"; create it in the designer or with POST /api/endpoints`,
        ),
      );
    }

    const { endpoint, credentials } = found;
    const method = await authenticate(app, request, endpoint, credentials);
    if (!method) {
      request.log.info({ endpoint: slug }, 'SCIM authentication failed');
      reply.header('www-authenticate', WWW_AUTHENTICATE);
      request.scimEndpoint = endpoint;
      return sendScimError(
        reply,
        scimErrors.unauthorized('Missing or wrong credentials for this SCIM endpoint'),
      );
    }

    request.scimEndpoint = endpoint;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    reply.type(SCIM_CONTENT_TYPE);
    if (typeof payload === 'string') request.responseText = payload;
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    const endpoint = request.scimEndpoint;
    if (!endpoint) return;

    const [path, query] = request.url.split('?', 2) as [string, string | undefined];
    const durationMs = request.startedAt
      ? Number(process.hrtime.bigint() - request.startedAt) / 1e6
      : 0;
    app.scimflow.requestLog.add({
      endpoint_id: endpoint.id,
      method: request.method,
      path,
      query: query ? redactQuery(query) : null,
      status: reply.statusCode,
      duration_ms: Math.round(durationMs * 100) / 100,
      user_agent: request.headers['user-agent'] ?? null,
      dialect: request.dialect,
      request_body: bodyForLog(redactPatchSecrets(request.rawBody), LOGGED_BODY_CHARS),
      response_body: bodyForLog(request.responseText, LOGGED_BODY_CHARS),
      created_at: new Date().toISOString(),
    });
  });
}
