import type { FastifyInstance } from 'fastify';

import { installApiHooks, type ApiScope } from '../core/api-scope.js';
import type { FaultBodyFormatter } from '../core/faults.js';
import type { GoogleAuthState } from './auth-state.js';
import { registerDirectoryRoutes } from './directory/routes.js';
import type { DirectoryStore } from './directory/store.js';
import { GoogleError, classicError, oauthError, statusError } from './errors.js';
import { registerSheetsRoutes } from './sheets/routes.js';
import { quotaExceeded, type SheetsStore } from './sheets/store.js';
import { registerTokenRoute } from './token-route.js';

/** Error bodies for injected faults, in the shape of the API that the path belongs to. */
export const googleFaultBody: FaultBodyFormatter = (status, kind, path) => {
  if (path === '/token') {
    const error = kind === 'rateLimit' ? 'rate_limit_exceeded' : 'internal_failure';
    return { body: oauthError(status, error, 'Injected fault from the test server').body };
  }

  if (path.startsWith('/v4/')) {
    if (kind === 'rateLimit' && status === 429) return { body: quotaExceeded('write').body };
    return {
      body: statusError(
        status,
        kind === 'rateLimit' ? 'Rate limit exceeded.' : 'Internal error encountered.',
      ).body,
    };
  }

  if (kind === 'rateLimit') {
    const body =
      status === 429
        ? classicError(429, 'Rate Limit Exceeded', 'rateLimitExceeded').body
        : classicError(403, 'User Rate Limit Exceeded', 'userRateLimitExceeded').body;
    return { body };
  }
  const message =
    status === 503 ? 'The service is currently unavailable.' : 'Internal error encountered.';
  return { body: classicError(status, message, 'backendError').body };
};

/** Registers Google's token endpoint and the Directory and Sheets APIs under the plugin prefix. */
export async function googlePlugin(
  app: FastifyInstance,
  options: {
    auth: GoogleAuthState;
    directory: DirectoryStore;
    sheets: SheetsStore;
    scope: Omit<ApiScope, 'api' | 'formatFaultBody'>;
  },
): Promise<void> {
  installApiHooks(app, { ...options.scope, api: 'google', formatFaultBody: googleFaultBody });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(statusError(400, 'Invalid JSON payload received. Unexpected token.'), undefined);
    }
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof GoogleError) {
      return reply.code(error.status).headers(error.headers).send(error.body);
    }

    const status = (error as { statusCode?: number }).statusCode ?? 500;
    const message = error instanceof Error ? error.message : String(error);
    if (status < 500) return reply.code(status).send(statusError(status, message).body);

    request.log.error({ err: error }, 'Google test server route failed');
    return reply.code(500).send(statusError(500, 'Internal error encountered.').body);
  });

  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send(statusError(404, 'Requested entity was not found.').body),
  );

  registerTokenRoute(app, options.auth);
  registerDirectoryRoutes(app, options.auth, options.directory);
  registerSheetsRoutes(app, options.auth, options.sheets);
}
