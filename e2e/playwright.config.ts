import { defineConfig } from '@playwright/test';
import { join } from 'node:path';

import {
  ADMIN_PASSWORD,
  APP_PORT,
  APP_URL,
  DATA_DIR,
  SCIM_BASIC,
  SCIM_TOKEN,
  TESTSERVERS_OUT,
  TESTSERVERS_PORT,
  TESTSERVERS_URL,
} from './support/env.js';

const repositoryRoot = join(import.meta.dirname, '..');

// Browsers cannot be downloaded here, so the tests drive Debian's chromium. The flags keep it
// from reaching out to Google's services, which this machine's closed network refuses.
export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: './tests',
  outputDir: './artifacts/results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['html', { outputFolder: './artifacts/report', open: 'never' }]],
  use: {
    baseURL: APP_URL,
    acceptDownloads: true,
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumFlags },
  },
  webServer: [
    {
      // The demo command seeds org `acme`, its owner token, a service account and the
      // `roster-demo` spreadsheet, and writes the credentials to TESTSERVERS_OUT.
      command: `node --conditions=@scimflow/source --import tsx packages/testservers/src/cli.ts --port ${TESTSERVERS_PORT} --out ${TESTSERVERS_OUT}`,
      cwd: repositoryRoot,
      url: `${TESTSERVERS_URL}/__control/state`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { LOG_LEVEL: 'warn' },
    },
    {
      command: 'node --conditions=@scimflow/source --import tsx apps/server/src/main.ts',
      cwd: repositoryRoot,
      url: `${APP_URL}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        HOST: '127.0.0.1',
        PORT: String(APP_PORT),
        SCIMFLOW_DATA_DIR: DATA_DIR,
        SCIMFLOW_ADMIN_PASSWORD: ADMIN_PASSWORD,
        SCIMFLOW_SCIM_TOKEN: SCIM_TOKEN,
        SCIMFLOW_SCIM_BASIC: `${SCIM_BASIC.username}:${SCIM_BASIC.password}`,
      },
    },
  ],
});
