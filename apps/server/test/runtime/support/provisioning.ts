import type { TestServers } from '@scimflow/testservers';
import type { TestServer } from '../../support/test-server.js';
import { chainFlow, type ChainStep } from './flow-documents.js';
import { publishFlow, seedCredential } from './runtime-server.js';

/** A secret that must never appear in a journal, an API response or a log line. */
export const CANARY = 'canary-7d41f0b2e9';

export const GITHUB = { name: 'acme github', type: 'github.token' } as const;
export const WORKSPACE = { name: 'workspace', type: 'google.serviceAccount' } as const;
export const WORKSPACE_ADMIN = 'admin@example.org';
export const SPREADSHEET = 'people';

/** Seeds the GitHub org, the Workspace admin and the staff sheet after every reset. */
export function seedTestServers(servers: TestServers): void {
  servers.onReset(({ github, google }) => {
    github.createOrg({ login: 'acme', owner: 'octo-owner' });
    github.createToken('octo-owner', `ghp_${CANARY}`);
    google.addAdmin(WORKSPACE_ADMIN);
    google.createSpreadsheet({
      title: 'People',
      spreadsheetId: SPREADSHEET,
      sheets: [{ title: 'Staff', rows: [['Email', 'Name']] }],
    });
  });
}

/** Stores the GitHub token and the Workspace service account as server credentials. */
export async function seedConnectorCredentials(
  server: TestServer,
  servers: TestServers,
): Promise<void> {
  await seedCredential(server, GITHUB.name, GITHUB.type, {
    token: `ghp_${CANARY}`,
    baseUrl: servers.github.baseUrl,
  });
  const key = servers.google.createServiceAccount();
  await seedCredential(server, WORKSPACE.name, WORKSPACE.type, {
    serviceAccountKey: JSON.stringify({ ...key, private_key_id: CANARY }),
    subject: WORKSPACE_ADMIN,
    directoryBaseUrl: servers.google.rootUrl,
    sheetsBaseUrl: servers.google.rootUrl,
  });
}

/** Invites the new user to the GitHub org `acme`, keyed on userName. */
export const INVITE_STEP: ChainStep = {
  id: 'invite',
  type: 'github.inviteToOrganization',
  config: { org: 'acme', email: '{{ user.userName }}' },
  credential: GITHUB,
};

/** Creates the new user's Workspace account, keyed on userName. */
export const WORKSPACE_STEP: ChainStep = {
  id: 'workspace',
  type: 'google.createUser',
  config: {
    primaryEmail: '{{ user.userName }}',
    givenName: '{{ user.name.givenName }}',
    familyName: '{{ user.name.familyName }}',
  },
  credential: WORKSPACE,
};

/**
 * Publishes the onboarding flow (created user, unless inactive: GitHub invitation, Workspace
 * user, staff row) and the offboarding flow (deactivated or deleted user: invitation cancelled,
 * Workspace user suspended, staff row deleted). Both key on userName, which never changes.
 */
export async function publishLifecycleFlows(
  server: TestServer,
  endpoint: string,
): Promise<{ onboarding: string; offboarding: string }> {
  const sheet = { spreadsheetId: SPREADSHEET, sheet: 'Staff' };
  const onboarding = chainFlow('Onboarding', { endpoint, eventTypes: ['user.created'] }, [
    {
      id: 'active',
      type: 'logic.condition',
      config: { expression: '$not(user.active = false)' },
      next: 'true',
    },
    INVITE_STEP,
    WORKSPACE_STEP,
    {
      id: 'row',
      type: 'sheets.upsertRow',
      config: {
        ...sheet,
        keyColumn: 'Email',
        values: { Email: '{{ user.userName }}', Name: '{{ user.name.givenName }}' },
      },
      credential: WORKSPACE,
    },
  ]);

  const offboarding = chainFlow(
    'Offboarding',
    { endpoint, eventTypes: ['user.deactivated', 'user.deleted'] },
    [
      {
        id: 'uninvite',
        type: 'github.removeFromOrganization',
        config: { org: 'acme', user: '{{ user.userName }}' },
        credential: GITHUB,
      },
      {
        id: 'suspend',
        type: 'google.suspendUser',
        config: { userKey: '{{ user.userName }}' },
        credential: WORKSPACE,
      },
      {
        id: 'unlist',
        type: 'sheets.deleteRow',
        config: { ...sheet, keyColumn: 'Email', keyValue: '{{ user.userName }}' },
        credential: WORKSPACE,
      },
    ],
  );

  return {
    onboarding: await publishFlow(server, onboarding),
    offboarding: await publishFlow(server, offboarding),
  };
}

/** Returns what the test servers hold: pending invitation emails, Workspace users, staff rows. */
export function finalState(servers: TestServers) {
  return {
    invitations: servers.github
      .invitations('acme')
      .map((invitation) => invitation.email ?? '')
      .sort(),
    workspaceUsers: servers.google
      .users()
      .map((user) => ({ email: String(user.primaryEmail), suspended: user.suspended === true }))
      .sort((left, right) => left.email.localeCompare(right.email)),
    rows: servers.google
      .viewSpreadsheet(SPREADSHEET)
      .sheets[0]!.rows.slice(1)
      .map((row) => String(row[0]))
      .sort(),
  };
}
