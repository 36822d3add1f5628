import type { FastifyInstance } from 'fastify';

import { installApiHooks, type ApiScope } from '../core/api-scope.js';
import type { FaultBodyFormatter } from '../core/faults.js';
import { installGithubAuth } from './auth.js';
import { GithubError, notFound, secondaryRateLimitBody, serverErrorBody } from './errors.js';
import { registerAppTokenRoutes } from './routes/app-tokens.js';
import { registerInvitationRoutes } from './routes/invitations.js';
import { registerMembershipRoutes } from './routes/memberships.js';
import { registerTeamRoutes } from './routes/teams.js';
import { registerUserRoutes } from './routes/users.js';
import type { GithubState } from './state.js';

/** Error bodies for injected faults: GitHub's secondary rate limit and its 5xx "Server Error". */
export const githubFaultBody: FaultBodyFormatter = (_status, kind) => ({
  body: kind === 'rateLimit' ? secondaryRateLimitBody() : serverErrorBody(),
});

/** Registers GitHub's REST API routes, auth, rate limit and error bodies under the plugin prefix. */
export async function githubPlugin(
  app: FastifyInstance,
  options: { state: GithubState; scope: Omit<ApiScope, 'api' | 'formatFaultBody'> },
): Promise<void> {
  const { state } = options;
  installApiHooks(app, { ...options.scope, api: 'github', formatFaultBody: githubFaultBody });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new GithubError(400, { message: 'Problems parsing JSON', status: '400' }), undefined);
    }
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof GithubError) {
      return reply.code(error.status).headers(error.headers).send(error.body);
    }

    const status = (error as { statusCode?: number }).statusCode ?? 500;
    const message = error instanceof Error ? error.message : String(error);
    if (status < 500) return reply.code(status).send({ message, status: String(status) });

    request.log.error({ err: error }, 'GitHub test server route failed');
    return reply.code(500).send(serverErrorBody());
  });

  app.setNotFoundHandler((_request, reply) => {
    const error = notFound();
    return reply.code(404).send(error.body);
  });

  installGithubAuth(app, state, options.scope.prefix);
  registerUserRoutes(app, state);
  registerInvitationRoutes(app, state);
  registerMembershipRoutes(app, state);
  registerTeamRoutes(app, state);
  registerAppTokenRoutes(app, state);
}
