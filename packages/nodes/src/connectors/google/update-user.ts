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

const keepOrSet = z.enum(['keep', 'true', 'false']);

const config = z.object({
  userKey: ui(z.string().min(1), {
    widget: 'template',
    label: 'User',
    help: 'Primary email, alias or user id.',
  }),
  primaryEmail: ui(z.string().default(''), {
    widget: 'template',
    label: 'New primary email',
    help: 'Empty keeps the current one.',
  }),
  givenName: ui(z.string().default(''), {
    widget: 'template',
    label: 'Given name',
    help: 'Empty keeps the current one.',
  }),
  familyName: ui(z.string().default(''), {
    widget: 'template',
    label: 'Family name',
    help: 'Empty keeps the current one.',
  }),
  orgUnitPath: ui(z.string().default(''), {
    widget: 'template',
    label: 'Organizational unit',
    help: 'Empty keeps the current one.',
  }),
  password: ui(z.string().default(''), {
    widget: 'template',
    label: 'New password',
    help: 'Empty keeps the current one.',
    advanced: true,
  }),
  changePasswordAtNextLogin: ui(keepOrSet.default('keep'), {
    widget: 'select',
    label: 'Change password at next sign-in',
    options: [
      { value: 'keep', label: 'Keep as is' },
      { value: 'true', label: 'Yes' },
      { value: 'false', label: 'No' },
    ],
  }),
});

type UpdateConfig = z.infer<typeof config>;

/** Updates the set fields of a Google Workspace user; empty fields keep their values. */
export const googleUpdateUser = defineNode({
  type: 'google.updateUser',
  label: 'Update Google Workspace user',
  category: 'google',
  icon: 'google',
  description:
    'Changes the name, primary email, organizational unit or password of a user. Fields left empty are kept.',
  config,
  credentialTypes: GOOGLE_CREDENTIAL_TYPES,
  outputs: ['out'],
  summarize: (c) => `Update ${c.userKey}: ${Object.keys(changesOf(c)).join(', ') || 'nothing'}`,

  async run(context) {
    const directory = openDirectory(context);
    const changes = changesOf(context.config);
    const call = { method: 'PUT', path: userPath(context.config.userKey) } as const;

    if (Object.keys(changes).length === 0) {
      return { outcome: 'unchanged', output: { userKey: context.config.userKey, changed: [] } };
    }
    if (context.dryRun) {
      const shown = changes.password ? { ...changes, password: '[redacted]' } : changes;
      return { outcome: 'skipped', output: dryRunOutput(call.method, `/${call.path}`, shown) };
    }

    // PUT has patch semantics in the Directory API: omitted fields keep their values.
    const response = await directory.send({
      ...call,
      body: changes,
      retryOn: isCreationIncomplete,
    });
    if (response.status === 404) {
      throw directory.fail(
        call,
        response,
        `No user "${context.config.userKey}" exists; create it first or check the user key.`,
      );
    }
    if (response.status !== 200)
      throw directory.fail(call, response, directoryFix(response.status));

    return {
      outcome: 'updated',
      output: { ...summarizeUser(response.body), changed: Object.keys(changes) },
    };
  },
});

/** Builds the Directory API body from the non-empty fields. */
function changesOf(config: UpdateConfig): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (config.primaryEmail) changes.primaryEmail = config.primaryEmail;
  if (config.orgUnitPath) changes.orgUnitPath = config.orgUnitPath;
  if (config.password) changes.password = config.password;
  if (config.changePasswordAtNextLogin !== 'keep')
    changes.changePasswordAtNextLogin = config.changePasswordAtNextLogin === 'true';

  const name: Record<string, string> = {};
  if (config.givenName) name.givenName = config.givenName;
  if (config.familyName) name.familyName = config.familyName;
  if (Object.keys(name).length > 0) changes.name = name;

  return changes;
}
