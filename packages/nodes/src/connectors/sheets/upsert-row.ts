import { z } from 'zod';
import { defineNode } from '../../define.js';
import { keyColumnField, spreadsheetFields, valueInputField, valuesField } from './config.js';
import { openSheets, SHEETS_CREDENTIAL_TYPES } from './table.js';
import { withKeyLock } from './key-lock.js';
import { appendRow, findByKey, updateRowAt } from './write.js';

const config = z.object({
  ...spreadsheetFields,
  keyColumn: keyColumnField,
  values: valuesField,
  valueInputOption: valueInputField,
});

/** Updates the row whose key column matches, or appends one when none does. */
export const sheetsUpsertRow = defineNode({
  type: 'sheets.upsertRow',
  label: 'Upsert row in Google Sheet',
  category: 'sheets',
  icon: 'sheets',
  description:
    'Keeps one row per key: updates the first row whose key column equals the key value in Values, or appends a new row.',
  config,
  credentialTypes: SHEETS_CREDENTIAL_TYPES,
  outputs: ['out'],
  summarize: (c) => `Upsert the ${c.sheet} row keyed by ${c.keyColumn}`,

  async run(context) {
    const sheets = openSheets(context);
    const target = { ...context.config, dryRun: context.dryRun };

    // One tab at a time, rather than one key, so that keys differing only in case or spaces,
    // which `findByKey` treats as equal, wait for each other too.
    // When another runtime thread keeps the tab locked for the whole wait, the step fails with a
    // retryable error rather than risk a second row for the key.
    return withKeyLock(
      `${target.spreadsheetId}\u0000${target.sheet}`,
      async () => {
        const { table, matches } = await findByKey(sheets, target, target.keyColumn);
        const rowNumber = matches[0];
        if (rowNumber === undefined) return appendRow(sheets, table, target);

        return updateRowAt(sheets, table, target, rowNumber);
      },
      {
        description: `tab "${target.sheet}" of spreadsheet ${target.spreadsheetId}`,
        warn: (message, fields) => context.log('warn', message, fields),
      },
    );
  },
});
