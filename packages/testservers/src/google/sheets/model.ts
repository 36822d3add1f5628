/** Spreadsheets of the Sheets test server: tabs as grids of cell values. */

/** A stored cell value; null is an empty cell. Formulas are kept as their `=` text. */
export type CellValue = string | number | boolean | null;

export interface Tab {
  /** Numeric tab id (the `gid`), which `deleteDimension` takes; the first tab's is 0. */
  sheetId: number;
  title: string;
  rowCount: number;
  columnCount: number;
  /** Rows of cells; rows and cells past the end are empty. */
  rows: CellValue[][];
}

export interface Spreadsheet {
  spreadsheetId: string;
  title: string;
  tabs: Tab[];
  /** Emails (service accounts or impersonated users) the spreadsheet is shared with, or 'anyone'. */
  sharedWith: Set<string> | 'anyone';
}

export function isEmpty(value: CellValue | undefined): boolean {
  return value === null || value === undefined || value === '';
}

export function cellAt(tab: Tab, row: number, column: number): CellValue {
  return tab.rows[row]?.[column] ?? null;
}

export function setCell(tab: Tab, row: number, column: number, value: CellValue): void {
  while (tab.rows.length <= row) tab.rows.push([]);
  const cells = tab.rows[row]!;
  while (cells.length <= column) cells.push(null);
  cells[column] = value;
  tab.rowCount = Math.max(tab.rowCount, row + 1);
  tab.columnCount = Math.max(tab.columnCount, column + 1);
}

/** Returns true when the row has a value in any column from `startColumn` to `endColumn`. */
export function rowHasData(tab: Tab, row: number, startColumn: number, endColumn: number): boolean {
  const cells = tab.rows[row];
  if (cells === undefined) return false;
  for (let column = startColumn; column <= Math.min(endColumn, cells.length - 1); column++) {
    if (!isEmpty(cells[column])) return true;
  }
  return false;
}

export function cloneTab(tab: Tab): Tab {
  return { ...tab, rows: tab.rows.map((row) => [...row]) };
}
