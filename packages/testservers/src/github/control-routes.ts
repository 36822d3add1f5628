import type { FastifyInstance } from 'fastify';

import type { GithubControl } from './control.js';

/** Maps a seeding error to 404 when something was not found and to 400 otherwise. */
function controlFailure(error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  const status = /not found/i.test(message) ? 404 : 400;
  return { status, body: { error: status === 404 ? 'not_found' : 'invalid_request', message } };
}

type InvitationParams = { Params: { org: string; invitation_id: string } };

/**
 * Registers control routes that act for people outside the API: accepting an invitation
 * (`POST /__control/github/orgs/{org}/invitations/{id}/accept`, body `{ "login"? }`) and
 * expiring one (`…/expire`).
 */
export function registerGithubControlRoutes(
  app: FastifyInstance,
  github: () => GithubControl,
): void {
  const prefix = '/__control/github/orgs/:org/invitations/:invitation_id';

  app.post<InvitationParams>(`${prefix}/accept`, async (request, reply) => {
    const login = (request.body as { login?: unknown } | undefined)?.login;
    try {
      const user = github().acceptInvitation(
        request.params.org,
        Number(request.params.invitation_id),
        typeof login === 'string' ? login : undefined,
      );
      return { accepted: true, login: user.login };
    } catch (error) {
      const failure = controlFailure(error);
      return reply.code(failure.status).send(failure.body);
    }
  });

  app.post<InvitationParams>(`${prefix}/expire`, async (request, reply) => {
    try {
      github().expireInvitation(request.params.org, Number(request.params.invitation_id));
      return { expired: true };
    } catch (error) {
      const failure = controlFailure(error);
      return reply.code(failure.status).send(failure.body);
    }
  });
}
