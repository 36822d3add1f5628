import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { TESTSERVERS_OUT, TESTSERVERS_URL } from './env.js';

/**
 * Base URLs of the local APIs in the form the credentials take them. The Google credential's
 * Directory and Sheets base URLs are API roots (`https://admin.googleapis.com`), so both point at
 * the Google root of the test servers, not at the versioned paths that their README lists.
 */
export const TESTSERVER_URLS = {
  github: `${TESTSERVERS_URL}/github`,
  googleRoot: `${TESTSERVERS_URL}/google`,
};

/** GitHub org, spreadsheet and tab that the demo command seeds. */
export const DEMO = {
  org: 'acme',
  spreadsheetId: 'roster-demo',
  tab: 'Roster',
  admin: 'admin@example.com',
};

/** Returns the owner token and the service-account key file text that the demo command wrote. */
export function demoCredentials(): { githubToken: string; serviceAccountKey: string } {
  const file = JSON.parse(readFileSync(join(TESTSERVERS_OUT, 'credentials.json'), 'utf8')) as {
    githubToken: string;
    serviceAccountKeyFile: string;
  };
  return {
    githubToken: file.githubToken,
    serviceAccountKey: readFileSync(file.serviceAccountKeyFile, 'utf8'),
  };
}

interface TestServerState {
  github: { login: string; invitations: { email: string | null; role: string }[] }[];
  google: {
    spreadsheets: { spreadsheetId: string; sheets: { title: string; rows: string[][] }[] }[];
  };
}

/** Reads the test servers' state through their control API. */
export async function testServerState(): Promise<TestServerState> {
  const response = await fetch(`${TESTSERVERS_URL}/__control/state`);
  if (!response.ok) throw new Error(`GET /__control/state returned ${response.status}`);
  return (await response.json()) as TestServerState;
}

/** Returns the emails with a pending invitation to a GitHub org. */
export async function invitedEmails(org = DEMO.org): Promise<string[]> {
  const state = await testServerState();
  const found = state.github.find((candidate) => candidate.login === org);
  return (found?.invitations ?? []).map((invitation) => invitation.email ?? '');
}

/** Returns the rows of a spreadsheet tab, header row included. */
export async function sheetRows(
  spreadsheetId = DEMO.spreadsheetId,
  tab = DEMO.tab,
): Promise<string[][]> {
  const state = await testServerState();
  const spreadsheet = state.google.spreadsheets.find(
    (sheet) => sheet.spreadsheetId === spreadsheetId,
  );
  return spreadsheet?.sheets.find((sheet) => sheet.title === tab)?.rows ?? [];
}
