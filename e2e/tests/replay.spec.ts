import { expect, test } from '@playwright/test';
import { loadCases, runCase } from '@scimflow/testservers/replay';
import { join } from 'node:path';

import { AdminApi, createTestServerCredentials } from '../support/admin-api.js';
import { onboardingDocument } from '../support/documents.js';
import { APP_URL, SCIM_BASIC, SCIM_TOKEN } from '../support/env.js';
import {
  demoCredentials,
  invitedEmails,
  sheetRows,
  TESTSERVER_URLS,
} from '../support/testservers.js';
import { saveScreenshot, signInQuickly } from '../support/ui.js';

const FLOW_NAME = 'Onboard from Asgardeo (replay)';
const CREDENTIALS = { github: 'GitHub acme (replay)', google: 'Google roster (replay)' };
const CASES_DIR = join(import.meta.dirname, '../../apps/server/test/fixtures/cases');
const CASE_NAME = 'asgardeo-scim2-user-lifecycle';
// The user that the recorded Asgardeo case creates, updates with PUT and PATCH, then deletes.
const USER_EMAIL = 'ines.ward@example.org';

test('replayed Asgardeo lifecycle runs flow', async ({ page }) => {
  const api = await AdminApi.signIn();
  await api.deleteFlowsNamed(FLOW_NAME);
  await createTestServerCredentials(api, CREDENTIALS, demoCredentials(), TESTSERVER_URLS);
  const flow = await api.importFlow(onboardingDocument(FLOW_NAME, CREDENTIALS));
  await api.publishFlow(flow.id, 'Replay test');
  await api.enableOnly(flow.id);

  await test.step('replay the recorded case to the default endpoint', async () => {
    const replayCase = loadCases(CASES_DIR).find((candidate) => candidate.name === CASE_NAME);
    expect(replayCase, `case ${CASE_NAME} in ${CASES_DIR}`).toBeDefined();

    const result = await runCase(replayCase!, {
      scimBase: `${APP_URL}/scim/v2/default`,
      legacyBase: `${APP_URL}/scim-choreo/default`,
      credentials: { bearerToken: SCIM_TOKEN, basic: SCIM_BASIC, apiKey: '' },
    });
    expect(result.reason ?? '', `step ${result.failedStep ?? '-'}: ${result.request ?? ''}`).toBe(
      '',
    );
    expect(result.passed).toBe(true);
  });

  await test.step('one execution per subscribed event finishes', async () => {
    // The case sends one create, then one PUT and one PATCH that change the user.
    await expect
      .poll(
        async () => {
          const executions = await api.listExecutions(flow.id);
          return executions.map((execution) => `${execution.eventType}:${execution.status}`).sort();
        },
        { message: `executions of flow ${flow.id}`, timeout: 20_000 },
      )
      .toEqual(['user.created:succeeded', 'user.updated:succeeded', 'user.updated:succeeded']);
  });

  await test.step('the invitation and the roster row exist at the test servers', async () => {
    expect(await invitedEmails()).toContain(USER_EMAIL);
    const rows = (await sheetRows()).filter((row) => row[0] === USER_EMAIL);
    expect(rows).toEqual([[USER_EMAIL, 'Ines', 'Ward', '', 'invited']]);
  });

  await test.step('the executions list shows each execution', async () => {
    await signInQuickly(page);
    await page.goto(`/#/executions?flow=${flow.id}`);
    const table = page.getByTestId('executions-table');
    await expect(table.locator('tbody tr')).toHaveCount(3);
    await expect(table.locator('tbody tr').filter({ hasText: 'user.created' })).toHaveCount(1);
    await expect(table.locator('tbody tr').filter({ hasText: 'user.updated' })).toHaveCount(2);
    await expect(table.locator('tbody tr').first()).toContainText(USER_EMAIL);
    await saveScreenshot(page, 'executions-list');
  });

  await test.step('the execution detail shows its steps', async () => {
    const created = page
      .getByTestId('executions-table')
      .locator('tbody tr')
      .filter({ hasText: 'user.created' });
    await created.getByRole('link', { name: /succeeded/ }).click();

    const detail = page.getByTestId('execution-detail');
    await expect(detail.getByRole('heading', { level: 1 })).toContainText(FLOW_NAME);
    const steps = detail.getByRole('list', { name: 'Steps' }).locator(':scope > li');
    await expect(steps).toHaveCount(4);
    // Steps carry the labels of the published version's nodes, and the trigger its type's label.
    const labels = {
      trigger: 'SCIM event',
      is_new_with_email: 'New user with an email?',
      invite: 'Invite to GitHub',
      roster_row: 'Add to roster',
    };
    for (const [nodeId, label] of Object.entries(labels)) {
      const step = steps.filter({ has: page.locator('code.step-node-id', { hasText: nodeId }) });
      await expect(step.locator(':scope > details > summary strong')).toHaveText(label);
      await expect(step.locator(':scope > details > summary .status')).toHaveText('succeeded');
    }

    const invite = steps.filter({
      has: page.locator('code.step-node-id', { hasText: /^invite$/ }),
    });
    await invite.locator(':scope > details > summary').click();
    await expect(invite.locator('pre.json').first()).toContainText(USER_EMAIL);

    const requests = invite.getByRole('table', { name: 'HTTP requests' });
    const invitation = requests.locator('tbody tr').filter({ hasText: 'POST' });
    await expect(invitation.locator('td').nth(3)).toHaveText('201');
    await saveScreenshot(page, 'execution-detail');
  });
});
