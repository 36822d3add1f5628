import { expect, type Locator, type Page } from '@playwright/test';
import { join } from 'node:path';

import { ADMIN_PASSWORD } from './env.js';

/** Folder of the screenshots that the suite keeps as artifacts of each main screen. */
export const SCREENSHOT_DIR = join(import.meta.dirname, '..', 'artifacts', 'screenshots');

/**
 * Signs in through the admin API with the page's own request context, so the browser stores the
 * session cookie; the sign-in form itself is tested in auth.spec.ts.
 */
export async function signInQuickly(page: Page): Promise<void> {
  const response = await page.request.post('/api/session', {
    data: { username: 'admin', password: ADMIN_PASSWORD },
  });
  expect(response.status(), 'admin sign-in through the API').toBe(200);
}

/** Saves a full-page screenshot of the current screen as `artifacts/screenshots/<name>.png`. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/**
 * Returns the text input or textarea whose accessible name starts with `label`. Labels in the
 * designer's dialogs wrap their help text too, so the full name is longer than the label.
 */
export function textbox(scope: Locator, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return scope.getByRole('textbox', { name: new RegExp(`^${escaped}`) });
}
