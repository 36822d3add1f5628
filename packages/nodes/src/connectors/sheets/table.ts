import type { NodeRunContext } from '../../define.js';
import { GOOGLE_SCOPES } from '../../credentials/index.js';
import { openSession, path, type ApiSession } from '../shared/session.js';

/** Credential types that the Sheets nodes accept. */
export const SHEETS_CREDENTIAL_TYPES = ['google.serviceAccount'] as const;

/** Opens a session against the credential's Sheets API base URL with the spreadsheets scope. */
export function openSheets(context: NodeRunContext<unknown>): ApiSession {
  return openSession(context, {
    api: 'Google Sheets',
    credentialTypes: SHEETS_CREDENTIAL_TYPES,
    baseUrl: (data) => String(data.sheetsBaseUrl),
    scopes: [GOOGLE_SCOPES.spreadsheets],
  });
}

/** A tab's content: the header row names the columns, and `rows` contains the rows below it. */
export interface SheetTable {
  headers: string[];
  /** Data rows; `rows[i]` is sheet row `i + 2` in A1 notation. */
  rows: unknown[][];
}

/** Quotes a tab name for A1 notation: `'My Tab'`, with quotes inside doubled. */
export function quoteSheet(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** Returns the column letters for a 0-based column index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

/** Builds the path of a values range, with `suffix` such as `:append` after the encoded range. */
export function valuesPath(spreadsheetId: string, range: string, suffix = ''): string {
  return path`v4/spreadsheets/${spreadsheetId}/values/${range}` + suffix;
}

/** Reads the whole tab. Sheets leaves out trailing empty cells and the `values` of an empty tab. */
export async function readTable(
  sheets: ApiSession,
  spreadsheetId: string,
  sheet: string,
): Promise<SheetTable> {
  const call = { method: 'GET', path: valuesPath(spreadsheetId, quoteSheet(sheet)) } as const;
  const response = await sheets.send(call);
  if (response.status !== 200) throw sheets.fail(call, response, sheetsFix(response.status));

  const values = ((response.body as { values?: unknown[][] }).values ?? []) as unknown[][];
  return { headers: (values[0] ?? []).map((cell) => String(cell).trim()), rows: values.slice(1) };
}

/** Returns the 0-based index of a column by its header, or throws a config error naming the headers. */
export function columnIndex(
  sheets: ApiSession,
  table: SheetTable,
  sheet: string,
  column: string,
): number {
  const index = table.headers.indexOf(column.trim());
  if (index >= 0) return index;

  const known =
    table.headers.length > 0 ? table.headers.map((header) => `"${header}"`).join(', ') : 'none';
  throw sheets.configError(
    `read tab "${sheet}"`,
    `column "${column}" is not in the header row (headers: ${known})`,
    `Add "${column}" to row 1 of the tab or use one of its headers.`,
  );
}

/** Returns the A1 row numbers of the rows whose key column equals the key value. */
export function findRows(table: SheetTable, keyIndex: number, keyValue: unknown): number[] {
  const expected = cellText(keyValue);
  return table.rows.flatMap((row, index) =>
    cellText(row[keyIndex]) === expected ? [index + 2] : [],
  );
}

/** The text of a cell as Sheets returns it formatted, for comparing written and read values. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Converts a config value to a cell value: objects become JSON text, missing values empty cells. */
export function cellValue(value: unknown): string | number | boolean {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string')
    return value;
  return JSON.stringify(value);
}

/** Returns whether two rows show the same text, ignoring trailing empty cells. */
export function sameRow(left: readonly unknown[], right: readonly unknown[]): boolean {
  const a = trimRow(left.map(cellText));
  const b = trimRow(right.map(cellText));
  return a.length === b.length && a.every((cell, index) => cell === b[index]);
}

/** Returns the sheet row number in an A1 range such as `Sheet1!A5:C5`. */
export function rowOfRange(range: string | undefined): number | undefined {
  const match = range?.match(/![A-Z]+(\d+)/);
  return match ? Number(match[1]) : undefined;
}

/** Returns the advice for a Sheets failure by status, or `undefined` for the default advice. */
export function sheetsFix(status: number): string | undefined {
  if (status === 404)
    return 'Check the spreadsheet ID and share the spreadsheet with the service account or the Subject.';
  if (status === 403)
    return 'Share the spreadsheet with the service account or the Subject as an editor.';
  if (status === 400) return 'Check the tab name: it must match a tab of the spreadsheet exactly.';
  return undefined;
}

function trimRow(row: string[]): string[] {
  let end = row.length;
  while (end > 0 && row[end - 1] === '') end--;
  return row.slice(0, end);
}
