import { z } from 'zod';
import { defineNode } from '../../define.js';
import { spreadsheetFields, valueInputField, valuesField } from './config.js';
import { openSheets, readTable, SHEETS_CREDENTIAL_TYPES } from './table.js';
import { appendRow } from './write.js';

const config = z.object({
  ...spreadsheetFields,
  values: valuesField,
  valueInputOption: valueInputField,
});

/** Appends a row to a Google Sheets tab, under the header row's columns. */
export const sheetsAppendRow = defineNode({
  type: 'sheets.appendRow',
  label: 'Append row to Google Sheet',
  category: 'sheets',
  icon: 'sheets',
  description:
    'Adds a row after the last row of the tab. Values go into the columns whose headers they name.',
  config,
  credentialTypes: SHEETS_CREDENTIAL_TYPES,
  outputs: ['out'],
  summarize: (c) => `Append ${Object.keys(c.values).join(', ') || 'a row'} to ${c.sheet}`,

  async run(context) {
    const sheets = openSheets(context);
    const target = { ...context.config, dryRun: context.dryRun };

    const table = await readTable(sheets, target.spreadsheetId, target.sheet);
    return appendRow(sheets, table, target);
  },
});
