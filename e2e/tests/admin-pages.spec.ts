import { expect, test } from '@playwright/test';

import { AdminApi, createTestServerCredentials } from '../support/admin-api.js';
import { APP_URL } from '../support/env.js';
import { demoCredentials, TESTSERVER_URLS } from '../support/testservers.js';
import { saveScreenshot, signInQuickly } from '../support/ui.js';

const CREDENTIALS = { github: 'GitHub acme (pages)', google: 'Google roster (pages)' };

test('endpoints page shows default URLs', async ({ page }) => {
  await signInQuickly(page);
  await page.goto('/#/flows');

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Endpoints' })
    .click();

  await expect(page.getByRole('heading', { name: 'SCIM endpoints', level: 1 })).toBeVisible();
  const endpoint = page.getByRole('article', { name: 'Default' });
  await expect(endpoint.getByTestId('users-url')).toHaveText(`${APP_URL}/scim/v2/default/Users`);
  await expect(endpoint.getByTestId('groups-url')).toHaveText(`${APP_URL}/scim/v2/default/Groups`);
  await saveScreenshot(page, 'endpoints');
});

test('credential test keeps the secret hidden', async ({ page }) => {
  const api = await AdminApi.signIn();
  const secrets = demoCredentials();
  await createTestServerCredentials(api, CREDENTIALS, secrets, TESTSERVER_URLS);
  await signInQuickly(page);
  await page.goto('/#/flows');

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Credentials' })
    .click();

  const row = page.getByTestId(`credential-row-${CREDENTIALS.github}`);
  await expect(row).toContainText('Token: set');
  await row.getByRole('button', { name: 'Test' }).click();
  await expect(row.getByRole('status')).toBeVisible();
  await expect(row.getByRole('status')).toHaveClass('ok');
  await expect(page.locator('body')).not.toContainText(secrets.githubToken);
  await saveScreenshot(page, 'credentials');
});
