import { z } from 'zod';
import { defineNode } from '../../define.js';
import { dryRunOutput, ui } from '../shared/fields.js';
import {
  directoryFix,
  GOOGLE_CREDENTIAL_TYPES,
  isCreationIncomplete,
  openDirectory,
  summarizeUser,
  userPath,
} from './session.js';

const config = z.object({
  userKey: ui(z.string().min(1), {
    widget: 'template',
    label: 'User',
    help: 'Primary email, alias or user id.',
  }),
  action: ui(z.enum(['suspend', 'unsuspend']).default('suspend'), {
    widget: 'select',
    label: 'Action',
    options: [
      { value: 'suspend', label: 'Suspend' },
      { value: 'unsuspend', label: 'Unsuspend' },
    ],
  }),
});

/** Suspends or unsuspends a Google Workspace user. */
export const googleSuspendUser = defineNode({
  type: 'google.suspendUser',
  label: 'Suspend Google Workspace user',
  category: 'google',
  icon: 'google',
  description:
    'Suspends a user, who then cannot sign in, or lifts the suspension. A user already in that state is left alone; a missing user counts as suspended.',
  config,
  credentialTypes: GOOGLE_CREDENTIAL_TYPES,
  outputs: ['out'],
  summarize: (c) => `${c.action === 'suspend' ? 'Suspend' : 'Unsuspend'} ${c.userKey}`,

  async run(context) {
    const { userKey, action } = context.config;
    const directory = openDirectory(context);
    const suspended = action === 'suspend';

    const lookup = { method: 'GET', path: userPath(userKey) } as const;
    // NOTE: a user inserted moments ago reads as 404 until Google has propagated it, so a suspend
    // right after the create reports absent.
    const existing = await directory.send(lookup);
    if (existing.status === 404 && suspended)
      return { outcome: 'absent', output: { userKey, suspended: null } };
    if (existing.status === 404)
      throw directory.fail(
        lookup,
        existing,
        `No user "${userKey}" exists to unsuspend; check the user key.`,
      );
    if (existing.status !== 200)
      throw directory.fail(lookup, existing, directoryFix(existing.status));

    const current = summarizeUser(existing.body);
    if (current.suspended === suspended) return { outcome: 'unchanged', output: current };

    const update = { method: 'PUT', path: lookup.path } as const;
    if (context.dryRun)
      return {
        outcome: 'skipped',
        output: dryRunOutput(update.method, `/${update.path}`, { suspended }),
      };

    const response = await directory.send({
      ...update,
      body: { suspended },
      retryOn: isCreationIncomplete,
    });
    if (response.status !== 200)
      throw directory.fail(update, response, directoryFix(response.status));

    return { outcome: 'updated', output: summarizeUser(response.body) };
  },
});
