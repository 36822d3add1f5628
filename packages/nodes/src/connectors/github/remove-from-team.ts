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
});

/** Removes a user from a GitHub team; a user who is not in it counts as done. */
export const githubRemoveFromTeam = defineNode({
  type: 'github.removeFromTeam',
  label: 'Remove from GitHub team',
  category: 'github',
  icon: 'github',
  description: 'Removes a user from a team. The user stays in the organization.',
  config,
  credentialTypes: GITHUB_CREDENTIAL_TYPES,
  outputs: ['out'],
  summarize: (c) => `Remove ${c.username} from ${c.org}/${c.team}`,

  async run(context) {
    const { org, team, username } = context.config;
    const github = openGithub(context);
    const membershipPath = path`orgs/${org}/teams/${team}/memberships/${username}`;
    const absent = { outcome: 'absent' as const, output: { org, team, username, removed: false } };

    if (context.dryRun) {
      const lookup = { method: 'GET', path: membershipPath } as const;
      const existing = await github.send(lookup);
      if (existing.status === 404) return absent;
      if (existing.status !== 200) throw github.fail(lookup, existing);
      return { outcome: 'skipped', output: dryRunOutput('DELETE', `/${membershipPath}`) };
    }

    // NOTE: GitHub returns 404 for an unknown team too, so a mistyped slug also reads as absent.
    const call = { method: 'DELETE', path: membershipPath } as const;
    const response = await github.send(call);
    if (response.status === 404) return absent;
    if (response.status !== 204) {
      const fix =
        response.status === 403
          ? "The team's members are synced from an identity provider; change them there."
          : undefined;
      throw github.fail(call, response, fix);
    }

    return { outcome: 'deleted', output: { org, team, username, removed: true } };
  },
});
