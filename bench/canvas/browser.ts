import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { generateFlowDocument } from './generate.js';
import type { BenchServer } from './server.js';

// The same executable and flags as the browser tests in e2e/playwright.config.ts.
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Throws unless the designer is built, because the server serves `apps/web/dist`. */
export function assertDesignerBuilt(): void {
  const webDist = join(import.meta.dirname, '..', '..', 'apps', 'web', 'dist', 'index.html');
  if (!existsSync(webDist)) {
    throw new Error(
      `Missing ${webDist}: build the designer with pnpm --filter @scimflow/web build`,
    );
  }
}

/** Starts Debian's chromium with the flags of the browser tests. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
}

/** Imports a generated flow of `nodeCount` nodes and returns its id. */
export async function importFlow(
  browser: Browser,
  server: BenchServer,
  nodeCount: number,
): Promise<string> {
  const context = await browser.newContext({ baseURL: server.url });
  try {
    const session = await context.request.post('/api/session', {
      data: { username: 'admin', password: server.adminPassword },
    });
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const document = generateFlowDocument(`Canvas benchmark ${nodeCount}`, nodeCount);
    const response = await context.request.post('/api/flows/import', {
      data: { document },
      headers: { 'x-csrf-token': csrfToken },
    });
    if (!response.ok()) {
      throw new Error(
        `Import of the ${nodeCount}-node flow failed with ${response.status()}: ${await response.text()}`,
      );
    }
    return ((await response.json()) as { id: string }).id;
  } finally {
    await context.close();
  }
}

/**
 * Opens a fresh browser context that is signed in as the admin, so every run loads the app
 * without a warm cache. The caller closes it.
 */
export async function openSignedInContext(
  browser: Browser,
  server: BenchServer,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1440, height: 900 },
  });
  await context.request.post('/api/session', {
    data: { username: 'admin', password: server.adminPassword },
  });
  return context;
}
