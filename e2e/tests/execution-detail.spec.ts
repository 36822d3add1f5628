import { expect, test } from '@playwright/test';

import { AdminApi } from '../support/admin-api.js';
import { onboardingDocument } from '../support/documents.js';
import { demoCredentials, TESTSERVER_URLS } from '../support/testservers.js';
import { saveScreenshot, signInQuickly } from '../support/ui.js';

const FLOW_NAME = 'Onboard with a revoked token (test run)';
const CREDENTIALS = {
  github: 'GitHub acme revoked token (test run)',
  google: 'Google roster (test run)',
};
// The GitHub connector lists the org's invitations before it invites, and the test server
// rejects a token that it never issued with 401.
const REJECTED_URL = `${TESTSERVER_URLS.github}/orgs/acme/invitations?per_page=100&page=1`;

test('live test run shows requests', async ({ page }) => {
  const api = await AdminApi.signIn();
  await api.deleteFlowsNamed(FLOW_NAME);
  await api.ensureCredential(CREDENTIALS.github, 'github.token', {
    token: 'ghp_revoked0000000000000000000000000000',
    baseUrl: TESTSERVER_URLS.github,
  });
  await api.ensureCredential(CREDENTIALS.google, 'google.serviceAccount', {
    serviceAccountKey: demoCredentials().serviceAccountKey,
    subject: 'admin@example.com',
    directoryBaseUrl: TESTSERVER_URLS.googleRoot,
    sheetsBaseUrl: TESTSERVER_URLS.googleRoot,
  });
  const flow = await api.importFlow(onboardingDocument(FLOW_NAME, CREDENTIALS));

  await signInQuickly(page);
  await page.goto(`/#/flows/${flow.id}`);

  await test.step('run the draft live on the Asgardeo sample', async () => {
    await page.getByRole('tab', { name: 'Test run' }).click();
    const panel = page.getByTestId('test-run-panel');
    await expect(panel.getByTestId('sample-select')).toContainText('Asgardeo: user created');
    await panel.getByLabel(/Dry run/).uncheck();
    await panel.getByTestId('run-test').click();
    await expect(panel.locator('.run-summary h3 .status')).toHaveText('failed');
  });

  await test.step('the run lists steps by canvas label', async () => {
    const panel = page.getByTestId('test-run-panel');
    const invite = panel.getByRole('button', { name: /Invite to GitHub/ });
    await expect(invite).toContainText('invite');
    await expect(invite.locator('.status')).toHaveText('failed');
    await expect(invite).toContainText('1 HTTP request');
    await saveScreenshot(page, 'test-run-live');
  });

  await test.step("the node's result shows the rejected request", async () => {
    await page
      .getByTestId('test-run-panel')
      .getByRole('button', { name: /Invite to GitHub/ })
      .click();
    const requests = page.getByTestId('step-result').getByRole('list', { name: 'HTTP requests' });
    const attempt = requests.getByRole('listitem');
    await expect(attempt).toHaveCount(1);
    await expect(attempt).toContainText('GET 401');
    await expect(attempt.locator('.request-url')).toHaveText(REJECTED_URL);
    await requests.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'test-run-step-result');
  });

  await test.step('the execution page says it is a test run and offers no retry', async () => {
    await page.getByRole('tab', { name: 'Test run' }).click();
    await page.getByRole('link', { name: 'Open the execution' }).click();
    const detail = page.getByTestId('execution-detail');
    await expect(detail.getByRole('heading', { level: 1 })).toContainText('failed');
    await expect(detail.getByRole('heading', { level: 1 })).toContainText('test run');
    await expect(detail.getByTestId('test-run-notice')).toContainText(
      "test run of the flow's draft",
    );
    await expect(detail).toContainText('test run of the draft');
    await expect(detail.getByRole('button', { name: /Retry/ })).toHaveCount(0);
  });

  await test.step('the failed step shows its label, id and request', async () => {
    const detail = page.getByTestId('execution-detail');
    const invite = detail
      .getByRole('list', { name: 'Steps' })
      .locator(':scope > li')
      .filter({ has: page.locator('strong', { hasText: /^Invite to GitHub$/ }) });
    await expect(invite.locator('summary code.step-node-id')).toHaveText('invite');

    const cells = invite
      .getByRole('table', { name: 'HTTP requests' })
      .locator('tbody tr')
      .first()
      .locator('td');
    await expect(cells.nth(1)).toHaveText('GET');
    await expect(cells.nth(3)).toHaveText('401');
    await expect(cells.nth(5)).toHaveText('done');
    await saveScreenshot(page, 'execution-test-run');
  });

  await test.step('the executions list shows test runs behind its switch', async () => {
    await page.goto(`/#/executions?flow=${flow.id}`);
    await expect(page.getByText('No executions match')).toBeVisible();

    await page.getByRole('checkbox', { name: 'Test runs only' }).check();
    const rows = page.getByTestId('executions-table').locator('tbody tr');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('test run');
    await expect(rows.first()).toContainText('draft');
    await saveScreenshot(page, 'executions-test-runs');
  });
});
