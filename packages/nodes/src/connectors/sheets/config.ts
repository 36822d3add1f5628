import { z } from 'zod';
import { ui } from '../shared/fields.js';

/** Fields that every Sheets node has: the spreadsheet, its tab and how values are written. */
export const spreadsheetFields = {
  spreadsheetId: ui(z.string().min(1), {
    widget: 'template',
    label: 'Spreadsheet ID',
    help: 'The part of the spreadsheet URL between /d/ and /edit.',
  }),
  sheet: ui(z.string().min(1).default('Sheet1'), {
    widget: 'template',
    label: 'Tab',
    help: 'Row 1 of the tab contains the column headers.',
  }),
};

/** The column to match rows by. */
export const keyColumnField = ui(z.string().min(1), {
  widget: 'template',
  label: 'Key column',
  placeholder: 'Email',
});

/** Cells to write: column header → value, each a template such as `{{ user.userName }}`. */
export const valuesField = ui(
  z.record(z.string(), ui(z.string(), { widget: 'template', label: 'Value' })),
  {
    widget: 'keyValue',
    label: 'Values',
    help: 'Column header → value. Columns left out keep their cells.',
  },
);

/** RAW stores text as typed; USER_ENTERED parses numbers, dates and formulas, so user data could inject a formula. */
export const valueInputField = ui(z.enum(['RAW', 'USER_ENTERED']).default('RAW'), {
  widget: 'select',
  label: 'Value input',
  options: [
    { value: 'RAW', label: 'Store as text (RAW)' },
    { value: 'USER_ENTERED', label: 'Parse like typed input (USER_ENTERED)' },
  ],
  advanced: true,
});
