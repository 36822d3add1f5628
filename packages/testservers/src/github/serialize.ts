import type { GithubInvitation, GithubOrg, GithubTeam, GithubUser, OrgRole } from './model.js';
import type { GithubState } from './state.js';

/** GitHub's "simple user" object. */
export function simpleUser(state: GithubState, user: GithubUser) {
  return {
    login: user.login,
    id: user.id,
    node_id: Buffer.from(`04:User${user.id}`).toString('base64'),
    avatar_url: `${state.baseUrl}/avatars/${user.id}`,
    url: `${state.baseUrl}/users/${user.login}`,
    html_url: `${state.baseUrl}/${user.login}`,
    type: user.type,
    site_admin: false,
  };
}

/** The public user profile that `GET /users/{username}` returns. */
export function publicUser(state: GithubState, user: GithubUser) {
  return {
    ...simpleUser(state, user),
    name: user.name,
    email: user.email,
    company: null,
    created_at: '2020-01-01T00:00:00Z',
  };
}

export function simpleOrg(state: GithubState, org: GithubOrg) {
  return {
    login: org.login,
    id: org.id,
    node_id: Buffer.from(`012:Organization${org.id}`).toString('base64'),
    url: `${state.baseUrl}/orgs/${org.login}`,
    description: null,
  };
}

export function team(state: GithubState, org: GithubOrg, value: GithubTeam) {
  return {
    id: value.id,
    node_id: Buffer.from(`04:Team${value.id}`).toString('base64'),
    name: value.name,
    slug: value.slug,
    description: null,
    privacy: 'closed',
    permission: 'pull',
    url: `${state.baseUrl}/orgs/${org.login}/teams/${value.slug}`,
    members_count: value.members.size,
  };
}

export function invitation(state: GithubState, org: GithubOrg, value: GithubInvitation) {
  const inviter = state.users.get(value.inviterId);
  return {
    id: value.id,
    node_id: Buffer.from(`020:OrganizationInvitation${value.id}`).toString('base64'),
    login: value.login,
    email: value.email,
    role: value.role,
    created_at: value.createdAt,
    failed_at: value.failedAt,
    failed_reason: value.failedReason,
    inviter: inviter === undefined ? null : simpleUser(state, inviter),
    team_count: value.teamIds.length,
    invitation_teams_url: `${state.baseUrl}/organizations/${org.id}/invitations/${value.id}/teams`,
    invitation_source: 'member',
  };
}

export function orgMembership(
  state: GithubState,
  org: GithubOrg,
  user: GithubUser,
  role: OrgRole,
  membershipState: 'active' | 'pending',
) {
  return {
    url: `${state.baseUrl}/orgs/${org.login}/memberships/${user.login}`,
    state: membershipState,
    role,
    organization_url: `${state.baseUrl}/orgs/${org.login}`,
    organization: simpleOrg(state, org),
    user: simpleUser(state, user),
    direct_membership: true,
    permissions: { can_create_repository: role === 'admin' },
  };
}

export function teamMembership(
  state: GithubState,
  org: GithubOrg,
  value: GithubTeam,
  user: GithubUser,
  role: 'member' | 'maintainer',
  membershipState: 'active' | 'pending',
) {
  return {
    url: `${state.baseUrl}/orgs/${org.login}/teams/${value.slug}/memberships/${user.login}`,
    role,
    state: membershipState,
  };
}
