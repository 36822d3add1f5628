import { expect, test } from '@playwright/test';

import { AdminApi } from '../support/admin-api.js';
import { canvasNode, connect, dropFromPalette, insertField, openNode } from '../support/canvas.js';
import { DEMO, demoCredentials, TESTSERVER_URLS } from '../support/testservers.js';
import { saveScreenshot, signInQuickly, textbox } from '../support/ui.js';

const FLOW_NAME = 'Onboard engineers (built on the canvas)';
const GITHUB_CREDENTIAL = 'GitHub acme (canvas)';
const GOOGLE_CREDENTIAL = 'Google roster (canvas)';
const PRIMARY_EMAIL = 'user.emails[primary=true].value';

test('palette-built flow runs dry and publishes', async ({ page }) => {
  const api = await AdminApi.signIn();
  await api.deleteFlowsNamed(FLOW_NAME);
  const secrets = demoCredentials();
  await signInQuickly(page);

  await test.step('create the flow from the flows list', async () => {
    await page.goto('/#/flows');
    await expect(page.getByRole('heading', { name: 'Flows', level: 1 })).toBeVisible();
    await page.getByTestId('create-flow').click();
    const dialog = page.getByRole('dialog', { name: 'New flow' });
    await textbox(dialog, 'Name').fill(FLOW_NAME);
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(page.getByTestId('flow-name')).toHaveValue(FLOW_NAME);
    await expect(canvasNode(page, 'trigger')).toBeVisible();
  });

  await test.step('add nodes from the palette and connect them', async () => {
    // A new flow fits its single trigger into view at the maximum zoom, so zoom out to make room.
    for (let step = 0; step < 3; step += 1) {
      await page.getByRole('button', { name: 'Zoom Out' }).click();
    }
    await dropFromPalette(page, 'logic.condition', { x: 0.45, y: 0.6 });
    await dropFromPalette(page, 'github.inviteToOrganization', { x: 0.2, y: 0.75 });
    await dropFromPalette(page, 'sheets.appendRow', { x: 0.55, y: 0.75 });
    await expect(page.locator('.react-flow__node')).toHaveCount(4);

    await connect(page, 'trigger', 'out', 'logic_condition');
    await connect(page, 'logic_condition', 'true', 'github_inviteToOrganization');
    await connect(page, 'logic_condition', 'true', 'sheets_appendRow');
    await saveScreenshot(page, 'canvas');
  });

  await test.step('configure the trigger and the condition', async () => {
    const trigger = await openNode(page, 'trigger');
    await trigger.getByRole('group', { name: 'Events' }).getByLabel('user.created').check();

    const condition = await openNode(page, 'logic_condition');
    await insertField(condition, 'Condition', 'emails', PRIMARY_EMAIL);
    const expression = condition.getByRole('textbox', { name: 'Condition', exact: true });
    await expect(expression).toHaveValue(PRIMARY_EMAIL);
    await expression.fill(`$exists(${PRIMARY_EMAIL})`);
  });

  await test.step('configure GitHub and create its credential in the node', async () => {
    const github = await openNode(page, 'github_inviteToOrganization');
    await github.getByRole('textbox', { name: 'Organization', exact: true }).fill(DEMO.org);
    await insertField(github, 'Email', 'emails', PRIMARY_EMAIL);
    await expect(github.getByRole('textbox', { name: 'Email', exact: true })).toHaveValue(
      `{{ ${PRIMARY_EMAIL} }}`,
    );
    // The preview evaluates the template against the first sample event, an Asgardeo user.
    await expect(github.getByTestId('field-email').getByTestId('expression-preview')).toContainText(
      'kim.lee@example.com',
    );

    await github.getByLabel('Credential').selectOption({ label: 'Create new…' });
    const dialog = page.getByTestId('credential-dialog');
    await textbox(dialog, 'Name').fill(GITHUB_CREDENTIAL);
    await textbox(dialog, 'Token').fill(secrets.githubToken);
    await textbox(dialog, 'API base URL').fill(TESTSERVER_URLS.github);
    await dialog.getByRole('button', { name: 'Create credential' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(github.getByLabel('Credential')).toHaveValue(GITHUB_CREDENTIAL);
    await saveScreenshot(page, 'config-panel');
  });

  await test.step('configure the Sheets row and create its credential', async () => {
    const sheets = await openNode(page, 'sheets_appendRow');
    await sheets
      .getByRole('textbox', { name: 'Spreadsheet ID', exact: true })
      .fill(DEMO.spreadsheetId);
    await sheets.getByRole('textbox', { name: 'Tab', exact: true }).fill(DEMO.tab);

    const columns: [string, string][] = [
      ['email', `{{ ${PRIMARY_EMAIL} }}`],
      ['givenName', '{{ user.name.givenName }}'],
      ['status', 'invited'],
    ];
    for (const [index, [column, value]] of columns.entries()) {
      await sheets.getByRole('button', { name: 'Add values entry' }).click();
      await sheets.getByLabel(`Values name ${index + 1}`).fill(column);
      await sheets.getByTestId(`field-values.${column}`).getByRole('textbox').fill(value);
    }

    await sheets.getByLabel('Credential').selectOption({ label: 'Create new…' });
    const dialog = page.getByTestId('credential-dialog');
    await textbox(dialog, 'Name').fill(GOOGLE_CREDENTIAL);
    await textbox(dialog, 'Service account key (JSON)').fill(secrets.serviceAccountKey);
    await textbox(dialog, 'Subject').fill(DEMO.admin);
    await textbox(dialog, 'Directory API base URL').fill(TESTSERVER_URLS.googleRoot);
    await textbox(dialog, 'Sheets API base URL').fill(TESTSERVER_URLS.googleRoot);
    await dialog.getByRole('button', { name: 'Create credential' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(sheets.getByLabel('Credential')).toHaveValue(GOOGLE_CREDENTIAL);
  });

  await test.step('save the draft with no problems left', async () => {
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByTestId('save-status')).toHaveText('All changes saved');
    await expect(page.getByRole('tab', { name: 'Problems', exact: true })).toBeVisible();

    const flow = (await api.listFlows()).find((candidate) => candidate.name === FLOW_NAME);
    expect(flow, `flow "${FLOW_NAME}" in GET /api/flows`).toBeDefined();
    const draft = (await api.getFlow(flow!.id)).draft;
    const byId = Object.fromEntries(draft.nodes.map((node) => [node.id, node]));
    expect(byId.trigger?.config.eventTypes).toEqual(['user.created']);
    expect(byId.logic_condition?.config.expression).toBe(`$exists(${PRIMARY_EMAIL})`);
    expect(byId.github_inviteToOrganization?.credential).toBe(GITHUB_CREDENTIAL);
    expect(byId.sheets_appendRow?.config.values).toEqual({
      email: `{{ ${PRIMARY_EMAIL} }}`,
      givenName: '{{ user.name.givenName }}',
      status: 'invited',
    });
    expect(
      draft.edges.map((edge) => `${edge.source}.${edge.sourceHandle}->${edge.target}`).sort(),
    ).toEqual([
      'logic_condition.true->github_inviteToOrganization',
      'logic_condition.true->sheets_appendRow',
      'trigger.out->logic_condition',
    ]);
  });

  await test.step('test-run dry against a sample and read each step', async () => {
    await page.getByRole('tab', { name: 'Test run' }).click();
    const panel = page.getByTestId('test-run-panel');
    await expect(panel.getByTestId('sample-select')).toContainText('Asgardeo: user created');
    await expect(panel.getByLabel(/Dry run/)).toBeChecked();
    await panel.getByTestId('run-test').click();

    const steps = panel.locator('.step-list li');
    await expect(panel.locator('.run-summary h3 .status')).toHaveText('succeeded');
    await expect(steps).toHaveCount(4);
    for (const nodeId of [
      'trigger',
      'logic_condition',
      'github_inviteToOrganization',
      'sheets_appendRow',
    ]) {
      await expect(steps.filter({ hasText: nodeId }).locator('.status')).toHaveText('succeeded');
    }
    await saveScreenshot(page, 'test-run');

    await openNode(page, 'github_inviteToOrganization');
    const result = page.getByTestId('step-result');
    await expect(result.locator('.pill')).toHaveText('skipped');
    await expect(result.getByText('"wouldSend"')).toBeVisible();
    await expect(result).toContainText('"email": "kim.lee@example.com"');
    await expect(
      canvasNode(page, 'github_inviteToOrganization').locator('.status-dot'),
    ).toHaveClass(/status-succeeded/);
  });

  await test.step('publish with a note', async () => {
    await page.getByTestId('publish').click();
    const dialog = page.getByTestId('publish-dialog');
    await dialog.getByLabel('Note').fill('Invite new hires and add them to the roster');
    await expect(dialog.getByTestId('publish-turn-on')).toBeChecked();
    await dialog.getByTestId('confirm-publish').click();
    await expect(dialog).toHaveCount(0);

    await page.getByRole('tab', { name: 'Versions' }).click();
    await expect(page.getByTestId('versions-panel')).toContainText(
      'Invite new hires and add them to the roster',
    );

    const flow = (await api.listFlows()).find((candidate) => candidate.name === FLOW_NAME)!;
    expect(flow.publishedVersion).toBe(1);
    expect(flow.enabled).toBe(true);
    const versions = await api.listVersions(flow.id);
    expect(versions.map((version) => version.note)).toEqual([
      'Invite new hires and add them to the roster',
    ]);
  });

  await test.step('the flows list shows the published version', async () => {
    await page.getByRole('link', { name: 'Back to flows' }).click();
    const row = page.getByRole('row', { name: new RegExp(FLOW_NAME.replace(/[()]/g, '\\$&')) });
    await expect(row.getByRole('cell', { name: 'v1' })).toBeVisible();
    await saveScreenshot(page, 'flows-list');
  });

  await test.step('turn the flow off and on from the flows list', async () => {
    const toggle = page.getByRole('switch', { name: `Enable ${FLOW_NAME}` });
    await expect(toggle).toBeChecked();
    // The switch shows the server's state, so it changes only after PATCH /api/flows/:id returns.
    await toggle.click();
    await expect(toggle).not.toBeChecked();
    expect((await api.listFlows()).find((candidate) => candidate.name === FLOW_NAME)?.enabled).toBe(
      false,
    );
    await toggle.click();

    await expect(toggle).toBeChecked();
    const flow = (await api.listFlows()).find((candidate) => candidate.name === FLOW_NAME);
    expect(flow?.enabled).toBe(true);
  });
});
