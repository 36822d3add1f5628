import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';

import { AdminApi, createTestServerCredentials } from '../support/admin-api.js';
import { onboardingDocument } from '../support/documents.js';
import { demoCredentials, TESTSERVER_URLS } from '../support/testservers.js';
import { signInQuickly } from '../support/ui.js';

const FLOW_NAME = 'Onboarding round trip';
const CREDENTIALS = { github: 'GitHub acme (round trip)', google: 'Google roster (round trip)' };

test('exported flow imports back identical', async ({ page }) => {
  const api = await AdminApi.signIn();
  await api.deleteFlowsNamed(FLOW_NAME);
  await createTestServerCredentials(api, CREDENTIALS, demoCredentials(), TESTSERVER_URLS);
  const original = await api.importFlow(onboardingDocument(FLOW_NAME, CREDENTIALS));
  const exported = await api.exportFlow(original.id);
  await signInQuickly(page);
  await page.goto('/#/flows');

  const downloadPath = await test.step('export from the flows list', async () => {
    const downloadStarted = page.waitForEvent('download');
    await page.getByRole('button', { name: `Export ${FLOW_NAME}` }).click();
    const download = await downloadStarted;
    expect(download.suggestedFilename()).toBe('Onboarding-round-trip.json');

    const path = test.info().outputPath(download.suggestedFilename());
    await download.saveAs(path);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(exported);
    return path;
  });

  await test.step('delete the flow', async () => {
    await page.getByRole('button', { name: `Delete ${FLOW_NAME}` }).click();
    const confirm = page.getByTestId('confirm-dialog');
    await expect(confirm).toContainText(`Delete “${FLOW_NAME}”?`);
    await confirm.getByRole('button', { name: 'Delete flow' }).click();

    await expect(page.getByRole('link', { name: FLOW_NAME, exact: true })).toHaveCount(0);
    const names = (await api.listFlows()).map((flow) => flow.name);
    expect(names).not.toContain(FLOW_NAME);
  });

  await test.step('import the file with the file picker', async () => {
    await page.getByRole('button', { name: 'Import' }).click();
    const dialog = page.getByTestId('import-dialog');
    await dialog.getByTestId('import-file').setInputFiles(downloadPath);

    // A successful import opens the new flow in the editor.
    await expect(page.getByTestId('flow-name')).toHaveValue(FLOW_NAME);
    const imported = (await api.listFlows()).find((flow) => flow.name === FLOW_NAME);
    expect(imported, `flow "${FLOW_NAME}" after the import`).toBeDefined();
    expect(imported!.id).not.toBe(original.id);
    expect(await api.exportFlow(imported!.id)).toEqual(exported);
  });
});

test('invalid file imports nothing', async ({ page }) => {
  const api = await AdminApi.signIn();
  const before = (await api.listFlows()).length;
  await signInQuickly(page);
  await page.goto('/#/flows');

  await page.getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByTestId('import-file').setInputFiles({
    name: 'not-a-flow.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ formatVersion: 1, name: 'Broken', nodes: 'none' })),
  });

  await expect(dialog.getByRole('alert')).toContainText('not-a-flow.json is not a valid flow');
  await expect(dialog.getByRole('list', { name: 'Problems' }).locator('li')).not.toHaveCount(0);
  expect((await api.listFlows()).length).toBe(before);
});
