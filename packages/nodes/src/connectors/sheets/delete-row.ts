import { z } from 'zod';
import { defineNode } from '../../define.js';
import { dryRunOutput, ui } from '../shared/fields.js';
import { isSuccess, path, type ApiSession } from '../shared/session.js';
import { keyColumnField, spreadsheetFields } from './config.js';
import {
  columnIndex,
  findRows,
  openSheets,
  readTable,
  SHEETS_CREDENTIAL_TYPES,
  sheetsFix,
} from './table.js';

const config = z.object({
  ...spreadsheetFields,
  keyColumn: keyColumnField,
  keyValue: ui(z.string().min(1), {
    widget: 'template',
    label: 'Key value',
    placeholder: '{{ user.userName }}',
  }),
});

/** Deletes every row whose key column matches; no matching row counts as done. */
export const sheetsDeleteRow = defineNode({
  type: 'sheets.deleteRow',
  label: 'Delete row from Google Sheet',
  category: 'sheets',
  icon: 'sheets',
  description: 'Removes the rows whose key column equals the key value; the rows below move up.',
  config,
  credentialTypes: SHEETS_CREDENTIAL_TYPES,
  outputs: ['out'],
  summarize: (c) => `Delete the ${c.sheet} rows where ${c.keyColumn} = ${c.keyValue}`,

  async run(context) {
    const { spreadsheetId, sheet, keyColumn, keyValue } = context.config;
    const sheets = openSheets(context);
    const findMatches = async () => {
      const table = await readTable(sheets, spreadsheetId, sheet);
      return findRows(table, columnIndex(sheets, table, sheet, keyColumn), keyValue);
    };

    const matches = await findMatches();
    const output = { spreadsheetId, sheet, key: keyValue, deletedRows: matches };
    if (matches.length === 0) return { outcome: 'absent', output };

    const sheetId = await sheetIdOf(sheets, spreadsheetId, sheet);
    // Bottom row first, so each deletion leaves the row numbers above it in place.
    const requests = [...matches].reverse().map((row) => ({
      deleteDimension: {
        range: { sheetId, dimension: 'ROWS', startIndex: row - 1, endIndex: row },
      },
    }));
    const call = {
      method: 'POST',
      path: path`v4/spreadsheets/${spreadsheetId}` + ':batchUpdate',
    } as const;
    if (context.dryRun)
      return {
        outcome: 'skipped',
        output: dryRunOutput(call.method, `/${call.path}`, { requests }),
      };

    // Repeating a deletion by row number would delete the rows that moved up: check first.
    const response = await sheets.send({
      ...call,
      body: { requests },
      verify: async () =>
        (await findMatches()).length === 0
          ? { status: 200, headers: {}, body: { spreadsheetId, replies: [] } }
          : null,
    });
    if (!isSuccess(response)) throw sheets.fail(call, response, sheetsFix(response.status));

    return { outcome: 'deleted', output };
  },
});

/** Returns the numeric id of a tab, which `deleteDimension` takes in place of its title. */
async function sheetIdOf(
  sheets: ApiSession,
  spreadsheetId: string,
  sheet: string,
): Promise<number> {
  const call = { method: 'GET', path: path`v4/spreadsheets/${spreadsheetId}` } as const;
  const response = await sheets.send({
    ...call,
    query: { fields: 'sheets.properties(sheetId,title)' },
  });
  if (response.status !== 200) throw sheets.fail(call, response, sheetsFix(response.status));

  const tabs =
    (response.body as { sheets?: { properties?: { sheetId?: number; title?: string } }[] })
      .sheets ?? [];
  const tab = tabs.find((candidate) => candidate.properties?.title === sheet);
  if (tab?.properties?.sheetId === undefined) {
    const titles = tabs.map((candidate) => `"${candidate.properties?.title}"`).join(', ');
    throw sheets.configError(
      `GET /${call.path}`,
      `tab "${sheet}" is not in the spreadsheet (tabs: ${titles})`,
      'Set Tab to one of those names.',
    );
  }
  return tab.properties.sheetId;
}
