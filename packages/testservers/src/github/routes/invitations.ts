import type { FastifyInstance, FastifyRequest } from 'fastify';

import { actingUserId, requireOrgAccess } from '../auth.js';
import { GithubError, invitationUnprocessable, notFound, validationFailed } from '../errors.js';
import type { GithubInvitation, GithubOrg, GithubUser, InvitationRole } from '../model.js';
import { paginate } from '../paginate.js';
import { invitation as serializeInvitation, team as serializeTeam } from '../serialize.js';
import type { GithubState } from '../state.js';

const invitationRoles: InvitationRole[] = [
  'admin',
  'direct_member',
  'billing_manager',
  'reinstate',
];
const dayMs = 24 * 60 * 60 * 1000;

interface InvitationBody {
  invitee_id?: unknown;
  email?: unknown;
  role?: unknown;
  team_ids?: unknown;
}

type OrgParams = { Params: { org: string } };
type InvitationParams = { Params: { org: string; invitation_id: string } };

function parseTeamIds(state: GithubState, org: GithubOrg, value: unknown): number[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((id) => Number.isInteger(id))) {
    throw validationFailed({
      resource: 'OrganizationInvitation',
      code: 'invalid',
      field: 'team_ids',
    });
  }

  for (const id of value as number[]) {
    if (state.findTeamById(org, id) === undefined) {
      throw validationFailed({
        resource: 'OrganizationInvitation',
        code: 'invalid',
        field: 'team_ids',
        message: `Team ${id} is not a team of ${org.login}`,
      });
    }
  }
  return value as number[];
}

function resolveInvitee(
  state: GithubState,
  body: InvitationBody,
): { user?: GithubUser; email?: string } {
  const hasId = body.invitee_id !== undefined && body.invitee_id !== null;
  const hasEmail = body.email !== undefined && body.email !== null;
  if (!hasId && !hasEmail) throw invitationUnprocessable('Invite requires either user or email');
  if (hasId && hasEmail) {
    throw invitationUnprocessable('Invitation can only be delivered to either user or email');
  }

  if (hasId) {
    const user = typeof body.invitee_id === 'number' ? state.users.get(body.invitee_id) : undefined;
    if (user === undefined) {
      throw validationFailed({
        resource: 'OrganizationInvitation',
        code: 'invalid',
        field: 'invitee_id',
      });
    }
    return { user };
  }

  if (typeof body.email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.email)) {
    throw validationFailed({ resource: 'OrganizationInvitation', code: 'invalid', field: 'email' });
  }
  return { email: body.email };
}

/** Checks the invitee and returns an existing pending invitation when the settings adopt it. */
function checkInvitee(
  state: GithubState,
  org: GithubOrg,
  invitee: { user?: GithubUser; email?: string },
): GithubInvitation | undefined {
  const { user, email } = invitee;
  if (user !== undefined && org.members.has(user.id)) {
    throw invitationUnprocessable('Invitee is already a part of this organization');
  }

  const emailUser = email === undefined ? undefined : state.findUserByEmail(email);
  if (emailUser !== undefined && org.members.has(emailUser.id)) {
    // GitHub's own message spells "addresss" with three s.
    throw invitationUnprocessable(
      'A user with this email addresss is already a part of this organization',
    );
  }

  const blocked = user ?? emailUser;
  if (blocked?.blockedOrgs.has(org.login.toLowerCase())) {
    throw invitationUnprocessable('This user has blocked the organization and cannot be invited');
  }

  const pending = state.findPendingInvitation(org, user, email);
  if (pending === undefined) return undefined;
  // NOTE: GitHub's text for an invitee with a pending invitation is not public; clients
  // should treat any 422 mentioning an invitation as "maybe already invited" and re-list.
  if (state.settings.duplicateInvitation === 'reject') {
    throw invitationUnprocessable('Invitee already has a pending invitation to this organization');
  }
  return pending;
}

/** Creates an invitation, counting it against the organization's 24-hour quota. */
export function createInvitation(
  state: GithubState,
  org: GithubOrg,
  request: FastifyRequest,
  body: InvitationBody,
): { invitation: GithubInvitation; created: boolean } {
  const role = (body.role ?? 'direct_member') as InvitationRole;
  if (!invitationRoles.includes(role)) {
    throw validationFailed({ resource: 'OrganizationInvitation', code: 'invalid', field: 'role' });
  }

  const invitee = resolveInvitee(state, body);
  const teamIds = parseTeamIds(state, org, body.team_ids);
  const existing = checkInvitee(state, org, invitee);
  if (existing !== undefined) return { invitation: existing, created: false };

  const now = Date.now();
  org.invitationTimes = org.invitationTimes.filter((time) => time > now - dayMs);
  if (org.invitationTimes.length >= state.settings.invitationQuota) {
    throw invitationUnprocessable('Over invitation rate limit');
  }
  org.invitationTimes.push(now);

  const invitation: GithubInvitation = {
    id: state.newInvitationId(),
    login: invitee.user?.login ?? null,
    email: invitee.email ?? invitee.user?.email ?? null,
    inviteeId: invitee.user?.id ?? null,
    role,
    teamIds,
    createdAt: new Date(now).toISOString(),
    inviterId: actingUserId(request),
    failedAt: null,
    failedReason: null,
  };
  org.invitations.set(invitation.id, invitation);
  return { invitation, created: true };
}

function requireInvitation(org: GithubOrg, id: string): GithubInvitation {
  const invitation = org.invitations.get(Number(id));
  if (invitation === undefined) throw notFound();
  return invitation;
}

/** Organization invitations: create, list pending and failed, cancel, and list teams. */
export function registerInvitationRoutes(app: FastifyInstance, state: GithubState): void {
  app.post<OrgParams>('/orgs/:org/invitations', async (request, reply) => {
    const org = state.requireOrg(request.params.org);
    requireOrgAccess(state, request, org, 'write');

    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new GithubError(400, { message: 'Body should be a JSON object', status: '400' });
    }

    const { invitation } = createInvitation(state, org, request, body as InvitationBody);
    return reply.code(201).send(serializeInvitation(state, org, invitation));
  });

  app.get<OrgParams>('/orgs/:org/invitations', async (request, reply) => {
    const org = state.requireOrg(request.params.org);
    requireOrgAccess(state, request, org, 'read');

    const query = request.query as Record<string, string | undefined>;
    const role = query.role ?? 'all';
    const source = query.invitation_source ?? 'all';
    if (!['all', 'admin', 'direct_member', 'billing_manager', 'hiring_manager'].includes(role)) {
      throw validationFailed({
        resource: 'OrganizationInvitation',
        code: 'invalid',
        field: 'role',
      });
    }
    if (!['all', 'member', 'scim'].includes(source)) {
      throw validationFailed({
        resource: 'OrganizationInvitation',
        code: 'invalid',
        field: 'invitation_source',
      });
    }

    // Every invitation here comes from a member, so the `scim` source lists none.
    const matches = [...org.invitations.values()].filter(
      (value) => (role === 'all' || value.role === role) && source !== 'scim',
    );
    return paginate(request, reply, matches).map((value) => serializeInvitation(state, org, value));
  });

  app.get<OrgParams>('/orgs/:org/failed_invitations', async (request, reply) => {
    const org = state.requireOrg(request.params.org);
    requireOrgAccess(state, request, org, 'read');

    const page = paginate(request, reply, org.failedInvitations);
    return page.map((value) => serializeInvitation(state, org, value));
  });

  app.delete<InvitationParams>('/orgs/:org/invitations/:invitation_id', async (request, reply) => {
    const org = state.requireOrg(request.params.org);
    requireOrgAccess(state, request, org, 'write');

    const invitation = requireInvitation(org, request.params.invitation_id);
    org.invitations.delete(invitation.id);
    return reply.code(204).send();
  });

  app.get<InvitationParams>(
    '/orgs/:org/invitations/:invitation_id/teams',
    async (request, reply) => {
      const org = state.requireOrg(request.params.org);
      requireOrgAccess(state, request, org, 'read');

      const invitation = requireInvitation(org, request.params.invitation_id);
      const teams = invitation.teamIds
        .map((id) => state.findTeamById(org, id))
        .filter((value) => value !== undefined);
      return paginate(request, reply, teams).map((value) => serializeTeam(state, org, value));
    },
  );
}
