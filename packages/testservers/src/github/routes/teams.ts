import type { FastifyInstance } from 'fastify';

import { requireOrgAccess } from '../auth.js';
import { forbidden, invitationUnprocessable, notFound, validationFailed } from '../errors.js';
import type { TeamRole } from '../model.js';
import { paginate } from '../paginate.js';
import { simpleUser, team as serializeTeam, teamMembership } from '../serialize.js';
import type { GithubState } from '../state.js';
import { createInvitation } from './invitations.js';

type TeamParams = { Params: { org: string; team_slug: string } };
type TeamMemberParams = { Params: { org: string; team_slug: string; username: string } };

// NOTE: GitHub's text for a team synced with an identity provider group is not public; the
// 403 status is what clients should rely on.
const idpSyncedMessage =
  'This team is synchronized with an identity provider group, so its members are managed there.';

/** Teams by slug, their members, and team memberships: get, add or update, remove. */
export function registerTeamRoutes(app: FastifyInstance, state: GithubState): void {
  app.get<{ Params: { org: string } }>('/orgs/:org/teams', async (request, reply) => {
    const org = state.requireOrg(request.params.org);
    requireOrgAccess(state, request, org, 'read');

    const teams = paginate(request, reply, [...org.teams.values()]);
    return teams.map((value) => serializeTeam(state, org, value));
  });

  app.get<TeamParams>('/orgs/:org/teams/:team_slug', async (request) => {
    const org = state.requireOrg(request.params.org);
    requireOrgAccess(state, request, org, 'read');
    return serializeTeam(state, org, state.requireTeam(org, request.params.team_slug));
  });

  app.get<TeamParams>('/orgs/:org/teams/:team_slug/members', async (request, reply) => {
    const org = state.requireOrg(request.params.org);
    requireOrgAccess(state, request, org, 'read');

    const team = state.requireTeam(org, request.params.team_slug);
    const users = [...team.members.keys()]
      .map((id) => state.users.get(id))
      .filter((user) => user !== undefined);
    return paginate(request, reply, users).map((user) => simpleUser(state, user));
  });

  app.get<TeamMemberParams>(
    '/orgs/:org/teams/:team_slug/memberships/:username',
    async (request) => {
      const org = state.requireOrg(request.params.org);
      requireOrgAccess(state, request, org, 'read');
      const team = state.requireTeam(org, request.params.team_slug);
      const user = state.requireUser(request.params.username);

      const role = team.members.get(user.id);
      if (role !== undefined) {
        const shownRole = org.members.get(user.id) === 'admin' ? 'maintainer' : role;
        return teamMembership(state, org, team, user, shownRole, 'active');
      }

      const pending = state.findPendingInvitation(org, user);
      if (pending === undefined || !pending.teamIds.includes(team.id)) throw notFound();
      return teamMembership(state, org, team, user, 'member', 'pending');
    },
  );

  app.put<TeamMemberParams>(
    '/orgs/:org/teams/:team_slug/memberships/:username',
    async (request) => {
      const org = state.requireOrg(request.params.org);
      requireOrgAccess(state, request, org, 'write');
      const team = state.requireTeam(org, request.params.team_slug);
      const user = state.requireUser(request.params.username);
      if (team.idpSynced) throw forbidden(idpSyncedMessage);

      const body = (request.body ?? {}) as { role?: unknown };
      const role = (body.role ?? 'member') as TeamRole;
      if (role !== 'member' && role !== 'maintainer') {
        throw validationFailed({ resource: 'TeamMember', code: 'invalid', field: 'role' });
      }

      if (org.members.has(user.id)) {
        team.members.set(user.id, role);
        return teamMembership(state, org, team, user, role, 'active');
      }

      if (user.blockedOrgs.has(org.login.toLowerCase())) {
        throw invitationUnprocessable(
          'This user has blocked the organization and cannot be invited',
        );
      }

      // A user outside the organization gets an invitation that adds them to the team on acceptance.
      const pending = state.findPendingInvitation(org, user);
      if (pending !== undefined) {
        if (!pending.teamIds.includes(team.id)) pending.teamIds.push(team.id);
      } else {
        createInvitation(state, org, request, { invitee_id: user.id, team_ids: [team.id] });
      }
      return teamMembership(state, org, team, user, role, 'pending');
    },
  );

  app.delete<TeamMemberParams>(
    '/orgs/:org/teams/:team_slug/memberships/:username',
    async (request, reply) => {
      const org = state.requireOrg(request.params.org);
      requireOrgAccess(state, request, org, 'write');
      const team = state.requireTeam(org, request.params.team_slug);
      const user = state.requireUser(request.params.username);
      if (team.idpSynced) throw forbidden(idpSyncedMessage);

      if (team.members.delete(user.id)) return reply.code(204).send();

      const pending = state.findPendingInvitation(org, user);
      if (pending === undefined || !pending.teamIds.includes(team.id)) throw notFound();
      pending.teamIds = pending.teamIds.filter((id) => id !== team.id);
      return reply.code(204).send();
    },
  );
}
