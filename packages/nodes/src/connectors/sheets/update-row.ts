import { z } from 'zod';
import { defineNode } from '../../define.js';
import { keyColumnField, spreadsheetFields, valueInputField, valuesField } from './config.js';
import { openSheets, SHEETS_CREDENTIAL_TYPES } from './table.js';
import { findByKey, updateRowAt } from './write.js';

const config = z.object({
  ...spreadsheetFields,
  keyColumn: keyColumnField,
  values: valuesField,
  valueInputOption: valueInputField,
});

/** Updates the row whose key column matches; no matching row counts as absent, not as an error. */
export const sheetsUpdateRow = defineNode({
  type: 'sheets.updateRow',
  label: 'Update row in Google Sheet',
  category: 'sheets',
  icon: 'sheets',
  description:
    'Finds the first row whose key column equals the key value in Values and overwrites the cells of the given columns.',
  config,
  credentialTypes: SHEETS_CREDENTIAL_TYPES,
  outputs: ['out'],
  summarize: (c) => `Update the ${c.sheet} row matching ${c.keyColumn}`,

  async run(context) {
    const sheets = openSheets(context);
    const target = { ...context.config, dryRun: context.dryRun };

    const { table, matches, keyValue } = await findByKey(sheets, target, target.keyColumn);
    const rowNumber = matches[0];
    if (rowNumber === undefined) {
      return {
        outcome: 'absent',
        output: {
          spreadsheetId: target.spreadsheetId,
          sheet: target.sheet,
          key: keyValue,
          row: null,
        },
      };
    }

    return updateRowAt(sheets, table, target, rowNumber);
  },
});
