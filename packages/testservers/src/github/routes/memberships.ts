import type { FastifyInstance } from 'fastify';

import { requireOrgAccess } from '../auth.js';
import { notFound, validationFailed } from '../errors.js';
import type { GithubOrg, GithubUser, OrgRole } from '../model.js';
import { paginate } from '../paginate.js';
import { orgMembership, simpleUser } from '../serialize.js';
import type { GithubState } from '../state.js';
import { createInvitation } from './invitations.js';

type MemberParams = { Params: { org: string; username: string } };

/** Removes a member from the organization and from each of its teams. */
function removeMember(org: GithubOrg, user: GithubUser): void {
  org.members.delete(user.id);
  for (const team of org.teams.values()) team.members.delete(user.id);
}

/** Organization memberships and members: get, set, remove, list and check. */
export function registerMembershipRoutes(app: FastifyInstance, state: GithubState): void {
  app.get<MemberParams>('/orgs/:org/memberships/:username', async (request) => {
    const org = state.requireOrg(request.params.org);
    requireOrgAccess(state, request, org, 'read');
    const user = state.requireUser(request.params.username);

    const role = org.members.get(user.id);
    if (role !== undefined) return orgMembership(state, org, user, role, 'active');

    const pending = state.findPendingInvitation(org, user);
    if (pending === undefined) throw notFound();
    return orgMembership(
      state,
      org,
      user,
      pending.role === 'admin' ? 'admin' : 'member',
      'pending',
    );
  });

  app.put<MemberParams>('/orgs/:org/memberships/:username', async (request) => {
    const org = state.requireOrg(request.params.org);
    requireOrgAccess(state, request, org, 'write');
    const user = state.requireUser(request.params.username);

    const body = (request.body ?? {}) as { role?: unknown };
    const role = (body.role ?? 'member') as OrgRole;
    if (role !== 'admin' && role !== 'member') {
      throw validationFailed({ resource: 'OrgMembership', code: 'invalid', field: 'role' });
    }

    if (org.members.has(user.id)) {
      org.members.set(user.id, role);
      return orgMembership(state, org, user, role, 'active');
    }

    const pending = state.findPendingInvitation(org, user);
    if (pending !== undefined) {
      pending.role = role === 'admin' ? 'admin' : 'direct_member';
      return orgMembership(state, org, user, role, 'pending');
    }

    createInvitation(state, org, request, {
      invitee_id: user.id,
      role: role === 'admin' ? 'admin' : 'direct_member',
    });
    return orgMembership(state, org, user, role, 'pending');
  });

  app.delete<MemberParams>('/orgs/:org/memberships/:username', async (request, reply) => {
    const org = state.requireOrg(request.params.org);
    requireOrgAccess(state, request, org, 'write');
    const user = state.requireUser(request.params.username);

    if (org.members.has(user.id)) {
      removeMember(org, user);
      return reply.code(204).send();
    }

    // Removing a membership also cancels a pending invitation.
    const pending = state.findPendingInvitation(org, user);
    if (pending === undefined) throw notFound();
    org.invitations.delete(pending.id);
    return reply.code(204).send();
  });

  app.get<MemberParams>('/orgs/:org/members', async (request, reply) => {
    const org = state.requireOrg(request.params.org);
    requireOrgAccess(state, request, org, 'read');

    const role = (request.query as Record<string, string | undefined>).role ?? 'all';
    const members = [...org.members.entries()]
      .filter(([, memberRole]) => role === 'all' || memberRole === role)
      .map(([id]) => state.users.get(id))
      .filter((user) => user !== undefined);
    return paginate(request, reply, members).map((user) => simpleUser(state, user));
  });

  app.get<MemberParams>('/orgs/:org/members/:username', async (request, reply) => {
    const org = state.requireOrg(request.params.org);
    requireOrgAccess(state, request, org, 'read');

    const user = state.findUser(request.params.username);
    if (user === undefined || !org.members.has(user.id)) throw notFound();
    return reply.code(204).send();
  });

  app.delete<MemberParams>('/orgs/:org/members/:username', async (request, reply) => {
    const org = state.requireOrg(request.params.org);
    requireOrgAccess(state, request, org, 'write');

    const user = state.requireUser(request.params.username);
    removeMember(org, user);
    return reply.code(204).send();
  });
}
