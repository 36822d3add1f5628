import type { HttpResponse, NodeResult } from '../../define.js';
import { dryRunOutput } from '../shared/fields.js';
import { isSuccess, type ApiSession } from '../shared/session.js';
import {
  cellText,
  cellValue,
  columnIndex,
  columnLetter,
  findRows,
  quoteSheet,
  readTable,
  rowOfRange,
  sameRow,
  sheetsFix,
  valuesPath,
  type SheetTable,
} from './table.js';

/** The target of a row write: the spreadsheet, the tab and the values to write. */
export interface RowTarget {
  spreadsheetId: string;
  sheet: string;
  values: Record<string, unknown>;
  valueInputOption: 'RAW' | 'USER_ENTERED';
  dryRun: boolean;
}

/** Builds a full row in header order from the values; `base` supplies the cells of columns left out. */
export function buildRow(
  sheets: ApiSession,
  table: SheetTable,
  target: RowTarget,
  base: readonly unknown[] = [],
): unknown[] {
  const row = table.headers.map((_, index) => base[index] ?? '');
  for (const [column, value] of Object.entries(target.values)) {
    row[columnIndex(sheets, table, target.sheet, column)] = cellValue(value);
  }
  return row;
}

/**
 * Appends a row after the tab's table. Append is not idempotent, so after a failure that may
 * have come after the write, the tab is read again: one more identical row means the append
 * happened and is not repeated.
 */
export async function appendRow(
  sheets: ApiSession,
  table: SheetTable,
  target: RowTarget,
): Promise<NodeResult> {
  const row = buildRow(sheets, table, target);
  const copiesBefore = table.rows.filter((existing) => sameRow(existing, row)).length;
  const call = {
    method: 'POST',
    path: valuesPath(target.spreadsheetId, quoteSheet(target.sheet), ':append'),
  } as const;

  if (target.dryRun)
    return {
      outcome: 'skipped',
      output: dryRunOutput(call.method, `/${call.path}`, { values: [row] }),
    };

  const response = await sheets.send({
    ...call,
    query: { valueInputOption: target.valueInputOption, insertDataOption: 'INSERT_ROWS' },
    body: { majorDimension: 'ROWS', values: [row] },
    verify: async () => {
      const after = await readTable(sheets, target.spreadsheetId, target.sheet);
      const copies = after.rows.flatMap((existing, index) =>
        sameRow(existing, row) ? [index + 2] : [],
      );
      if (copies.length <= copiesBefore) return null;
      return appendedResponse(target, copies[copies.length - 1]!, row.length);
    },
  });
  if (!isSuccess(response)) throw sheets.fail(call, response, sheetsFix(response.status));

  const range = (response.body as { updates?: { updatedRange?: string } }).updates?.updatedRange;
  return {
    outcome: 'created',
    output: {
      spreadsheetId: target.spreadsheetId,
      sheet: target.sheet,
      row: rowOfRange(range),
      range,
    },
  };
}

/** Overwrites the cells of the given columns in one row, keeping the other cells. */
export async function updateRowAt(
  sheets: ApiSession,
  table: SheetTable,
  target: RowTarget,
  rowNumber: number,
): Promise<NodeResult> {
  const current = table.rows[rowNumber - 2] ?? [];
  const row = buildRow(sheets, table, target, current);
  const output = { spreadsheetId: target.spreadsheetId, sheet: target.sheet, row: rowNumber };
  if (sameRow(current, row)) return { outcome: 'unchanged', output };

  const range = `${quoteSheet(target.sheet)}!A${rowNumber}:${columnLetter(row.length - 1)}${rowNumber}`;
  const call = { method: 'PUT', path: valuesPath(target.spreadsheetId, range) } as const;
  if (target.dryRun)
    return {
      outcome: 'skipped',
      output: dryRunOutput(call.method, `/${call.path}`, { values: [row] }),
    };

  // NOTE: the row number comes from the read just before. When someone else inserts or deletes a
  // row above it in between, this write lands on the wrong row.
  const response = await sheets.send({
    ...call,
    query: { valueInputOption: target.valueInputOption },
    body: { range, majorDimension: 'ROWS', values: [row] },
  });
  if (!isSuccess(response)) throw sheets.fail(call, response, sheetsFix(response.status));

  return { outcome: 'updated', output };
}

/** Reads the tab and finds the rows whose key column equals the key value in `values`. */
export async function findByKey(
  sheets: ApiSession,
  target: RowTarget,
  keyColumn: string,
): Promise<{ table: SheetTable; matches: number[]; keyValue: string }> {
  const table = await readTable(sheets, target.spreadsheetId, target.sheet);
  const keyIndex = columnIndex(sheets, table, target.sheet, keyColumn);

  const keyEntry = Object.entries(target.values).find(
    ([column]) => column.trim() === keyColumn.trim(),
  );
  if (!keyEntry || cellText(keyEntry[1]) === '') {
    throw sheets.configError(
      `match rows in tab "${target.sheet}"`,
      `Values has no value for the key column "${keyColumn}"`,
      `Add "${keyColumn}" to Values with the value that identifies the row.`,
    );
  }

  const keyValue = cellText(keyEntry[1]);
  return { table, matches: findRows(table, keyIndex, keyValue), keyValue };
}

function appendedResponse(target: RowTarget, rowNumber: number, width: number): HttpResponse {
  const updatedRange = `${quoteSheet(target.sheet)}!A${rowNumber}:${columnLetter(Math.max(0, width - 1))}${rowNumber}`;
  return {
    status: 200,
    headers: {},
    body: { spreadsheetId: target.spreadsheetId, updates: { updatedRange } },
  };
}
