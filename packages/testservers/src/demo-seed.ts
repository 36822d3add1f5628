import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { generateGithubToken } from './github/state.js';
import type { TestServers } from './start.js';

/** Credentials that the demo seeding created, pointing at the test servers. */
export interface DemoCredentials {
  githubToken: string;
  spreadsheetId: string;
  serviceAccountKeyFile: string;
  /** The Workspace admin the service account acts as (the JWT grant's `sub`). */
  adminEmail: string;
}

/**
 * Seeds org `acme` (owner `acme-admin`, teams Engineering and Design, user `mona`), a token,
 * Workspace admin `admin@example.com`, a service-account key file and the "Roster"
 * spreadsheet with a header row. Runs again after each reset with the same token, so the demo's
 * configured credentials keep working.
 */
export function seedDemo(
  servers: TestServers,
  outDir: string,
  githubToken: string = generateGithubToken('ghp_'),
): DemoCredentials {
  mkdirSync(outDir, { recursive: true });
  const github = servers.github;
  github.createOrg({ login: 'acme', owner: 'acme-admin' });
  github.createTeam('acme', { name: 'Engineering' });
  github.createTeam('acme', { name: 'Design' });
  github.createUser({ login: 'mona', email: 'mona@example.com', name: 'Mona Lisa' });
  github.createUser({ login: 'hubot', email: 'hubot@example.com' });
  github.createToken('acme-admin', githubToken);

  servers.google.addAdmin('admin@example.com');
  const key = servers.google.createServiceAccount({
    clientEmail: 'scimflow-demo@scimflow-test.iam.gserviceaccount.com',
  });
  const serviceAccountKeyFile = join(outDir, 'google-service-account.json');
  writeFileSync(serviceAccountKeyFile, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600 });

  const { spreadsheetId } = servers.google.createSpreadsheet({
    title: 'Roster',
    spreadsheetId: 'roster-demo',
    sheets: [
      { title: 'Roster', rows: [['email', 'givenName', 'familyName', 'githubLogin', 'status']] },
    ],
  });
  return { githubToken, spreadsheetId, serviceAccountKeyFile, adminEmail: 'admin@example.com' };
}
