import { z } from 'zod';
import { defineNode } from '../../define.js';
import { dryRunOutput, ui } from '../shared/fields.js';
import { isSuccess } from '../shared/session.js';
import {
  directoryFix,
  GOOGLE_CREDENTIAL_TYPES,
  isCreationIncomplete,
  openDirectory,
  userPath,
} from './session.js';

const config = z.object({
  userKey: ui(z.string().min(1), {
    widget: 'template',
    label: 'User',
    help: 'Primary email, alias or user id.',
  }),
});

/** Deletes a Google Workspace user; a user that does not exist counts as deleted. */
export const googleDeleteUser = defineNode({
  type: 'google.deleteUser',
  label: 'Delete Google Workspace user',
  category: 'google',
  icon: 'google',
  description:
    'Deletes a user. Google keeps a deleted user restorable for a limited time. A missing user counts as done.',
  config,
  credentialTypes: GOOGLE_CREDENTIAL_TYPES,
  outputs: ['out'],
  summarize: (c) => `Delete ${c.userKey}`,

  async run(context) {
    const { userKey } = context.config;
    const directory = openDirectory(context);
    const call = { method: 'DELETE', path: userPath(userKey) } as const;

    if (context.dryRun) {
      const lookup = { method: 'GET', path: call.path } as const;
      const existing = await directory.send(lookup);
      if (existing.status === 404)
        return { outcome: 'absent', output: { userKey, deleted: false } };
      if (existing.status !== 200)
        throw directory.fail(lookup, existing, directoryFix(existing.status));
      return { outcome: 'skipped', output: dryRunOutput(call.method, `/${call.path}`) };
    }

    const response = await directory.send({ ...call, retryOn: isCreationIncomplete });
    if (response.status === 404) return { outcome: 'absent', output: { userKey, deleted: false } };
    if (!isSuccess(response)) throw directory.fail(call, response, directoryFix(response.status));

    return { outcome: 'deleted', output: { userKey, deleted: true } };
  },
});
