import { z } from 'zod';
import { defineNode } from '../../define.js';
import { dryRunOutput, ui } from '../shared/fields.js';
import { isSuccess, path } from '../shared/session.js';
import { generatePassword } from './password.js';
import {
  directoryFix,
  GOOGLE_CREDENTIAL_TYPES,
  openDirectory,
  summarizeUser,
  userPath,
} from './session.js';

const config = z.object({
  primaryEmail: ui(z.string().min(1), {
    widget: 'template',
    label: 'Primary email',
    placeholder: '{{ user.userName }}',
  }),
  givenName: ui(z.string().min(1), {
    widget: 'template',
    label: 'Given name',
    placeholder: '{{ user.name.givenName }}',
  }),
  familyName: ui(z.string().min(1), {
    widget: 'template',
    label: 'Family name',
    placeholder: '{{ user.name.familyName }}',
  }),
  password: ui(z.string().default(''), {
    widget: 'template',
    label: 'Password',
    help: 'Empty sets a random 24-character password that is never shown, so the person signs in through SSO or after a password reset.',
    advanced: true,
  }),
  orgUnitPath: ui(z.string().default('/'), {
    widget: 'template',
    label: 'Organizational unit',
    placeholder: '/Engineering',
  }),
  changePasswordAtNextLogin: ui(z.boolean().default(true), {
    widget: 'switch',
    label: 'Change password at next sign-in',
  }),
});

/** Creates a Google Workspace user, adopting an existing user with the same primary email. */
export const googleCreateUser = defineNode({
  type: 'google.createUser',
  label: 'Create Google Workspace user',
  category: 'google',
  icon: 'google',
  description:
    'Creates a user in Google Workspace. A user that already has the primary email is adopted as it is; its password is left alone.',
  config,
  credentialTypes: GOOGLE_CREDENTIAL_TYPES,
  outputs: ['out'],
  summarize: (c) => `Create ${c.primaryEmail} in ${c.orgUnitPath}`,

  async run(context) {
    const { primaryEmail, givenName, familyName, orgUnitPath, changePasswordAtNextLogin } =
      context.config;
    const directory = openDirectory(context);

    const lookup = { method: 'GET', path: userPath(primaryEmail) } as const;
    const existing = await directory.send(lookup);
    if (existing.status === 200)
      return { outcome: 'adopted', output: summarizeUser(existing.body) };
    if (existing.status !== 404)
      throw directory.fail(lookup, existing, directoryFix(existing.status));

    const password = context.config.password || generatePassword();
    if (password.length < 8 || password.length > 100) {
      throw directory.configError(
        'POST /admin/directory/v1/users',
        `the password has ${password.length} characters`,
        'Set a password of 8 to 100 ASCII characters, or leave it empty.',
      );
    }

    const insert = { method: 'POST', path: path`admin/directory/v1/users` } as const;
    const body = {
      primaryEmail,
      name: { givenName, familyName },
      password,
      orgUnitPath,
      changePasswordAtNextLogin,
    };
    if (context.dryRun) {
      return {
        outcome: 'skipped',
        output: dryRunOutput(insert.method, `/${insert.path}`, { ...body, password: '[redacted]' }),
      };
    }

    const response = await directory.send({
      ...insert,
      body,
      // A 5xx or a lost connection may come after Google created the user: look for it first.
      verify: async () => {
        const found = await directory.send(lookup);
        return found.status === 200 ? found : null;
      },
    });
    if (isSuccess(response)) {
      return {
        outcome: 'created',
        output: { ...summarizeUser(response.body), passwordGenerated: !context.config.password },
      };
    }

    // 409 duplicate: the email became taken after the lookup, by a concurrent run or by an
    // earlier attempt of this one. A new user reads as 404 until Google has propagated it.
    if (response.status === 409) {
      const adopted = await directory.send({ ...lookup, retryOn: (found) => found.status === 404 });
      if (adopted.status === 200) {
        return { outcome: 'adopted', output: summarizeUser(adopted.body) };
      }
    }

    throw directory.fail(insert, response, directoryFix(response.status));
  },
});
