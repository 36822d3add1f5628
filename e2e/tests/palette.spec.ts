import { expect, test } from '@playwright/test';

import { AdminApi } from '../support/admin-api.js';
import { canvasNode } from '../support/canvas.js';
import { signInQuickly } from '../support/ui.js';

const FLOW_NAME = 'Palette clicks';

test('palette click adds a node, undo removes it', async ({ page }) => {
  const api = await AdminApi.signIn();
  await api.deleteFlowsNamed(FLOW_NAME);
  const flow = await api.importFlow({
    formatVersion: 1,
    name: FLOW_NAME,
    description: '',
    nodes: [
      {
        id: 'trigger',
        type: 'scim.trigger',
        position: { x: 0, y: 0 },
        config: { endpoint: '*', eventTypes: ['user.created'] },
      },
    ],
    edges: [],
    credentials: [],
  });
  await signInQuickly(page);
  await page.goto(`/#/flows/${flow.id}`);
  await expect(canvasNode(page, 'trigger')).toBeVisible();

  await page
    .getByRole('complementary', { name: 'Node palette' })
    .getByLabel('Search nodes')
    .fill('log');
  await page.getByTestId('palette-logic.log').click();

  await expect(canvasNode(page, 'logic_log')).toBeVisible();
  await expect(canvasNode(page, 'logic_log')).toHaveClass(/selected/);
  await expect(
    page.getByTestId('config-panel').getByRole('heading', { name: 'Log' }),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Undo' }).click();

  await expect(canvasNode(page, 'logic_log')).toHaveCount(0);
  // The draft autosaves once edits settle, so the saved draft loses the node too.
  await expect
    .poll(async () => (await api.getFlow(flow.id)).draft.nodes.map((node) => node.id))
    .toEqual(['trigger']);
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved');
});
