import { z } from 'zod';
import { defineNode } from '../../define.js';
import { dryRunOutput, ui } from '../shared/fields.js';
import { path, type ApiSession } from '../shared/session.js';
import { findInvitationByEmail, GITHUB_CREDENTIAL_TYPES, openGithub } from './session.js';

const config = z.object({
  org: ui(z.string().min(1), { widget: 'template', label: 'Organization', placeholder: 'acme' }),
  user: ui(z.string().min(1), {
    widget: 'template',
    label: 'Username or email',
    help: 'A username removes the member or cancels their invitation. An email cancels a pending invitation to that email.',
  }),
});

/** Removes a person from a GitHub organization: cancels their invitation or removes their membership. */
export const githubRemoveFromOrganization = defineNode({
  type: 'github.removeFromOrganization',
  label: 'Remove from GitHub organization',
  category: 'github',
  icon: 'github',
  description:
    'Removes a member by username, or cancels a pending invitation by email or username. Nobody to remove counts as done.',
  config,
  credentialTypes: GITHUB_CREDENTIAL_TYPES,
  outputs: ['out'],
  summarize: (c) => `Remove ${c.user} from ${c.org}`,

  async run(context) {
    const { org, user } = context.config;
    const github = openGithub(context);

    return user.includes('@')
      ? cancelInvitation(github, org, user, context.dryRun)
      : removeMembership(github, org, user, context.dryRun);
  },
});

async function cancelInvitation(github: ApiSession, org: string, email: string, dryRun: boolean) {
  const invitation = await findInvitationByEmail(github, org, email);
  // GitHub offers no lookup of members by email, so an active member must be removed by username.
  if (!invitation)
    return { outcome: 'absent' as const, output: { org, user: email, removed: null } };

  const call = { method: 'DELETE', path: path`orgs/${org}/invitations/${invitation.id}` } as const;
  if (dryRun)
    return { outcome: 'skipped' as const, output: dryRunOutput(call.method, `/${call.path}`) };

  const response = await github.send(call);
  if (response.status === 404)
    return { outcome: 'absent' as const, output: { org, user: email, removed: null } };
  if (response.status !== 204) throw github.fail(call, response);

  return {
    outcome: 'deleted' as const,
    output: { org, user: email, removed: 'invitation', invitationId: invitation.id },
  };
}

async function removeMembership(
  github: ApiSession,
  org: string,
  username: string,
  dryRun: boolean,
) {
  const call = { method: 'DELETE', path: path`orgs/${org}/memberships/${username}` } as const;

  if (dryRun) {
    const lookup = { method: 'GET', path: call.path } as const;
    const membership = await github.send(lookup);
    if (membership.status === 404)
      return { outcome: 'absent' as const, output: { org, user: username, removed: null } };
    if (membership.status !== 200) throw github.fail(lookup, membership);
    return { outcome: 'skipped' as const, output: dryRunOutput(call.method, `/${call.path}`) };
  }

  // DELETE removes an active member and cancels a pending invitation alike.
  const response = await github.send(call);
  if (response.status === 404)
    return { outcome: 'absent' as const, output: { org, user: username, removed: null } };
  if (response.status !== 204) throw github.fail(call, response);

  return { outcome: 'deleted' as const, output: { org, user: username, removed: 'membership' } };
}
