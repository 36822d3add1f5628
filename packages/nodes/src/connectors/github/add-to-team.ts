import { z } from 'zod';
import { defineNode } from '../../define.js';
import { dryRunOutput, ui } from '../shared/fields.js';
import { path } from '../shared/session.js';
import { GITHUB_CREDENTIAL_TYPES, openGithub } from './session.js';

const config = z.object({
  org: ui(z.string().min(1), { widget: 'template', label: 'Organization', placeholder: 'acme' }),
  team: ui(z.string().min(1), {
    widget: 'template',
    label: 'Team slug',
    placeholder: 'platform-team',
  }),
  username: ui(z.string().min(1), { widget: 'template', label: 'Username' }),
  role: ui(z.enum(['member', 'maintainer']).default('member'), {
    widget: 'select',
    label: 'Team role',
    options: [
      { value: 'member', label: 'Member' },
      { value: 'maintainer', label: 'Maintainer' },
    ],
  }),
});

interface TeamMembership {
  role: string;
  state: string;
}

/** Adds a user to a GitHub team; GitHub invites a user who is not yet in the organization. */
export const githubAddToTeam = defineNode({
  type: 'github.addToTeam',
  label: 'Add to GitHub team',
  category: 'github',
  icon: 'github',
  description:
    'Adds a user to a team with a role. A user outside the organization gets an invitation and a pending membership.',
  config,
  credentialTypes: GITHUB_CREDENTIAL_TYPES,
  outputs: ['out'],
  summarize: (c) => `Add ${c.username} to ${c.org}/${c.team} as ${c.role}`,

  async run(context) {
    const { org, team, username, role } = context.config;
    const github = openGithub(context);
    const membershipPath = path`orgs/${org}/teams/${team}/memberships/${username}`;

    const lookup = { method: 'GET', path: membershipPath } as const;
    const existing = await github.send(lookup);
    if (existing.status !== 200 && existing.status !== 404) throw github.fail(lookup, existing);

    const current = existing.status === 200 ? (existing.body as TeamMembership) : undefined;
    if (current?.role === role) {
      return { outcome: 'adopted', output: { org, team, username, role, state: current.state } };
    }

    const update = { method: 'PUT', path: membershipPath } as const;
    if (context.dryRun)
      return {
        outcome: 'skipped',
        output: dryRunOutput(update.method, `/${update.path}`, { role }),
      };

    const response = await github.send({ ...update, body: { role } });
    if (response.status !== 200) {
      const fix =
        response.status === 403
          ? "The team's members are synced from an identity provider; change them there."
          : undefined;
      throw github.fail(update, response, fix);
    }

    const membership = response.body as TeamMembership;
    return {
      outcome: current ? 'updated' : 'created',
      output: { org, team, username, role: membership.role, state: membership.state },
    };
  },
});
