import { z } from 'zod';
import { defineNode } from '../../define.js';
import { dryRunOutput, ui } from '../shared/fields.js';
import { isSuccess, path } from '../shared/session.js';
import {
  findInvitationByEmail,
  GITHUB_CREDENTIAL_TYPES,
  openGithub,
  teamIdsOf,
} from './session.js';

const ROLES = ['direct_member', 'admin', 'billing_manager'] as const;

const config = z.object({
  org: ui(z.string().min(1), { widget: 'template', label: 'Organization', placeholder: 'acme' }),
  email: ui(z.string().min(1), {
    widget: 'template',
    label: 'Email',
    placeholder: '{{ user.emails[0].value }}',
  }),
  role: ui(z.enum(ROLES).default('direct_member'), {
    widget: 'select',
    label: 'Role',
    options: [
      { value: 'direct_member', label: 'Member' },
      { value: 'admin', label: 'Owner' },
      { value: 'billing_manager', label: 'Billing manager' },
    ],
  }),
  teams: ui(z.array(z.string().min(1)).default([]), {
    widget: 'list',
    label: 'Teams',
    help: 'Team slugs to add the person to once they accept.',
  }),
});

/** Invites an email to a GitHub organization, adopting a pending invitation or an existing membership. */
export const githubInviteToOrganization = defineNode({
  type: 'github.inviteToOrganization',
  label: 'Invite to GitHub organization',
  category: 'github',
  icon: 'github',
  description:
    'Invites a person by email to an organization, optionally into teams. A pending invitation or membership counts as done.',
  config,
  credentialTypes: GITHUB_CREDENTIAL_TYPES,
  outputs: ['out'],
  summarize: (c) =>
    `Invite ${c.email} to ${c.org} as ${c.role}${c.teams.length ? ` (teams: ${c.teams.join(', ')})` : ''}`,

  async run(context) {
    const { org, email, role, teams } = context.config;
    const github = openGithub(context);
    const create = { method: 'POST', path: path`orgs/${org}/invitations` } as const;

    if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
      throw github.configError(
        `${create.method} /${create.path}`,
        `"${email}" is not an email address`,
        'Set Email to an address such as ada@example.com.',
      );
    }

    const pending = await findInvitationByEmail(github, org, email);
    if (pending) {
      return {
        outcome: 'adopted',
        output: { org, email, state: 'pending', invitationId: pending.id, role: pending.role },
      };
    }

    const teamIds = await teamIdsOf(github, org, teams);
    const body = { email, role, ...(teamIds.length ? { team_ids: teamIds } : {}) };
    if (context.dryRun)
      return { outcome: 'skipped', output: dryRunOutput(create.method, `/${create.path}`, body) };

    const response = await github.send({
      ...create,
      body,
      // A 5xx or a lost connection may come after GitHub created the invitation: look for it first.
      verify: async () => {
        const invitation = await findInvitationByEmail(github, org, email);
        return invitation ? { status: 201, headers: {}, body: invitation } : null;
      },
    });

    if (isSuccess(response)) {
      const invitation = response.body as { id: number; role: string };
      return {
        outcome: 'created',
        output: {
          org,
          email,
          state: 'pending',
          invitationId: invitation.id,
          role: invitation.role,
        },
      };
    }

    // GitHub returns 422 in both cases, and its texts differ between releases, so match loosely.
    const message = JSON.stringify(response.body ?? '');
    if (response.status === 422 && /already a part of this organization/i.test(message)) {
      return { outcome: 'adopted', output: { org, email, state: 'member' } };
    }
    if (response.status === 422 && /already/i.test(message) && /invit/i.test(message)) {
      // The invitation may be listed under the invitee's username rather than this email, so
      // GitHub's word that one is pending counts even when the list shows none for the email.
      const invitation = await findInvitationByEmail(github, org, email);
      const output = { org, email, state: 'pending', invitationId: invitation?.id ?? null };
      return {
        outcome: 'adopted',
        output: invitation ? { ...output, role: invitation.role } : output,
      };
    }

    if (response.status === 422 && /over invitation rate limit/i.test(message)) {
      throw github.fail(
        create,
        response,
        'GitHub allows 50 invitations per organization in 24 hours, or 500 for paid organizations and those older than a month. Run the flow again later.',
      );
    }
    throw github.fail(create, response);
  },
});
