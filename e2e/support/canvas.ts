import { expect, type Locator, type Page } from '@playwright/test';

/** A React Flow node on the canvas, by node id. */
export function canvasNode(page: Page, nodeId: string): Locator {
  return page.locator(`.react-flow__node[data-id="${nodeId}"]`);
}

/** Drags a palette item onto the canvas at a point given as fractions of the canvas size. */
export async function dropFromPalette(
  page: Page,
  nodeType: string,
  at: { x: number; y: number },
): Promise<void> {
  const canvas = page.getByTestId('canvas');
  const box = await canvas.boundingBox();
  if (!box) throw new Error('The canvas has no bounding box; is the flow editor open?');

  await page
    .getByTestId(`palette-${nodeType}`)
    .dragTo(canvas, { targetPosition: { x: box.width * at.x, y: box.height * at.y } });
}

/**
 * Connects an output port of one node to the input of another by dragging between the handles,
 * then waits for the edge that React Flow draws.
 */
export async function connect(
  page: Page,
  source: string,
  port: string,
  target: string,
): Promise<void> {
  await canvasNode(page, source)
    .locator(`.react-flow__handle.source[data-handleid="${port}"]`)
    .dragTo(canvasNode(page, target).locator('.react-flow__handle.target'));

  await expect(
    page.locator(`.react-flow__edge[data-id="${source}.${port}->${target}"]`),
  ).toHaveCount(1);
}

/** Selects a node by clicking its header, which opens its config panel. */
export async function openNode(page: Page, nodeId: string): Promise<Locator> {
  await page.getByTestId(`node-${nodeId}`).locator('.flow-node-header').click();
  const panel = page.getByTestId('config-panel');
  await expect(panel.locator('code', { hasText: nodeId })).toBeVisible();
  return panel;
}

/** Inserts a field into a template or expression input through the field picker. */
export async function insertField(
  panel: Locator,
  fieldLabel: string,
  search: string,
  expression: string,
): Promise<void> {
  await panel.getByRole('button', { name: `Insert a field into ${fieldLabel}` }).click();
  const picker = panel.getByTestId('field-picker');
  await picker.getByLabel('Search fields').fill(search);
  await picker.locator(`button.field-picker-item[title="${expression}"]`).click();
  await expect(picker).toHaveCount(0);
}
