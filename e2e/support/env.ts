import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Ports and first-start secrets of the app that the browser tests start. */
export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3311);
export const APP_URL = `http://127.0.0.1:${APP_PORT}`;
export const ADMIN_PASSWORD = 'e2e-admin-password-7f3a';
export const SCIM_TOKEN = 'e2e-scim-token-5c1d9e';

/** Basic credentials of the default SCIM endpoint, which the Asgardeo cases send. */
export const SCIM_BASIC = { username: 'asgardeo', password: 'e2e-scim-basic-2b8e41' };

/** Port of the GitHub, Google and Sheets test servers (the testservers demo command). */
export const TESTSERVERS_PORT = Number(process.env.E2E_TESTSERVERS_PORT ?? 4311);
export const TESTSERVERS_URL = `http://127.0.0.1:${TESTSERVERS_PORT}`;

// Playwright loads the config in the runner and again in every worker; workers inherit the
// runner's environment, so the first load creates the run folder and the others reuse it.
process.env.E2E_RUN_DIR ??= mkdtempSync(join(tmpdir(), 'scimflow-e2e-'));

/** Temporary folder of this run: the server's data dir and the test servers' credential files. */
export const RUN_DIR = process.env.E2E_RUN_DIR;
export const DATA_DIR = join(RUN_DIR, 'data');
export const TESTSERVERS_OUT = join(RUN_DIR, 'testservers');
