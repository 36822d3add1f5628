import { expect, test } from '@playwright/test';

import { AdminApi, createTestServerCredentials } from '../support/admin-api.js';
import { openNode } from '../support/canvas.js';
import { onboardingDocument } from '../support/documents.js';
import { demoCredentials, TESTSERVER_URLS } from '../support/testservers.js';
import { saveScreenshot, signInQuickly } from '../support/ui.js';

const CREDENTIALS = { github: 'GitHub acme (blocked)', google: 'Google roster (blocked)' };

const cases = [
  {
    name: 'emptied required field',
    nodeId: 'invite',
    field: 'Organization',
    configKey: 'org',
    value: '',
    message: /Node "invite" .*needs a value in Organization \("config\.org"\)/,
  },
  {
    name: 'broken expression',
    nodeId: 'is_new_with_email',
    field: 'Condition',
    configKey: 'expression',
    value: 'type = "user.created" and $exists(user.emails[0].value',
    message: /Node "is_new_with_email" field "config\.expression" has an invalid expression/,
  },
];

for (const invalid of cases) {
  test(`${invalid.name} blocks publishing`, async ({ page }) => {
    const api = await AdminApi.signIn();
    const flowName = `Blocked by ${invalid.name}`;
    await api.deleteFlowsNamed(flowName);
    await createTestServerCredentials(api, CREDENTIALS, demoCredentials(), TESTSERVER_URLS);
    const flow = await api.importFlow(onboardingDocument(flowName, CREDENTIALS));
    await signInQuickly(page);
    await page.goto(`/#/flows/${flow.id}`);
    await expect(page.getByRole('tab', { name: 'Problems', exact: true })).toBeVisible();

    const panel = await openNode(page, invalid.nodeId);
    await panel.getByRole('textbox', { name: invalid.field, exact: true }).fill(invalid.value);

    await test.step('the node and its field show the problem', async () => {
      const node = page.getByTestId(`node-${invalid.nodeId}`);
      await expect(node.getByTestId('node-problem-badge')).toHaveText('1');
      await expect(node).toHaveClass(/has-errors/);
      await expect(panel.locator('.field-invalid .field-problems')).toContainText(invalid.message);
    });

    await test.step('the problems list names it', async () => {
      await page.getByRole('tab', { name: 'Problems (1)' }).click();
      const problems = page.getByTestId('problems-panel').getByRole('listitem');
      await expect(problems).toHaveCount(1);
      await expect(problems).toContainText(invalid.message);
      await saveScreenshot(page, `problems-${invalid.nodeId}`);
    });

    await test.step('the publish dialog refuses', async () => {
      await page.getByTestId('publish').click();
      const dialog = page.getByTestId('publish-dialog');
      await expect(dialog.getByRole('alert')).toContainText(
        'Publishing is blocked: the draft has 1 error',
      );
      await expect(dialog.getByRole('alert')).toContainText(invalid.message);
      await expect(dialog.getByTestId('confirm-publish')).toHaveCount(0);
      await dialog.press('Escape');
    });

    await test.step('the server refuses the saved draft too', async () => {
      await page.keyboard.press('Control+s');
      await expect(page.getByTestId('save-status')).toHaveText('All changes saved');
      await expect(api.publishFlow(flow.id, 'should not publish')).rejects.toThrow(/returned 422/);
      const saved = await api.getFlow(flow.id);
      expect(saved.publishedVersion).toBeNull();
      const node = saved.draft.nodes.find((candidate) => candidate.id === invalid.nodeId);
      expect(node?.config[invalid.configKey]).toBe(invalid.value);
    });
  });
}
