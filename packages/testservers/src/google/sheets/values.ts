import { statusError } from '../errors.js';
import { formatA1, type GridRange } from './a1.js';
import { cellAt, isEmpty, rowHasData, setCell, type CellValue, type Tab } from './model.js';

export type ValueInputOption = 'RAW' | 'USER_ENTERED';
export type ValueRenderOption = 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE' | 'FORMULA';
export type MajorDimension = 'ROWS' | 'COLUMNS';

/** Result of a write, in the shape of the API's UpdateValuesResponse. */
export interface UpdateResult {
  updatedRange: string;
  updatedRows: number;
  updatedColumns: number;
  updatedCells: number;
  /** The written region, for `includeValuesInResponse`. */
  region: GridRange;
}

function transpose(rows: unknown[][]): unknown[][] {
  const width = Math.max(0, ...rows.map((row) => row.length));
  return Array.from({ length: width }, (_, column) => rows.map((row) => row[column] ?? ''));
}

function render(value: CellValue, option: ValueRenderOption): CellValue {
  if (value === null) return '';
  if (option !== 'FORMATTED_VALUE') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  // TODO: formulas are stored as text and never evaluated, so they render as their `=` text.
  return String(value);
}

/**
 * Reads a region as the ValueRange `values` array: trailing empty cells and rows are dropped,
 * empty rows in between stay as `[]`, and an empty region returns undefined.
 */
export function readValues(
  tab: Tab,
  grid: GridRange,
  dimension: MajorDimension,
  option: ValueRenderOption,
): CellValue[][] | undefined {
  const endRow = Math.min(grid.endRow, tab.rowCount - 1);
  const endColumn = Math.min(grid.endColumn, tab.columnCount - 1);
  let rows: CellValue[][] = [];
  for (let row = grid.startRow; row <= endRow; row++) {
    const cells: CellValue[] = [];
    for (let column = grid.startColumn; column <= endColumn; column++)
      cells.push(cellAt(tab, row, column));
    rows.push(cells);
  }

  if (dimension === 'COLUMNS') rows = transpose(rows) as CellValue[][];
  const trimmed = rows.map((cells) => {
    let length = cells.length;
    while (length > 0 && isEmpty(cells[length - 1])) length--;
    return cells.slice(0, length).map((value) => render(value, option));
  });
  while (trimmed.length > 0 && trimmed[trimmed.length - 1]!.length === 0) trimmed.pop();
  return trimmed.length === 0 ? undefined : trimmed;
}

/**
 * Converts an input value as Sheets stores it: RAW keeps it, USER_ENTERED parses numbers and
 * TRUE/FALSE and drops a leading apostrophe. A JSON null leaves the cell unchanged.
 */
export function parseInput(value: unknown, option: ValueInputOption): CellValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value !== 'string') {
    throw statusError(
      400,
      `Invalid values: expected a string, number or boolean, got ${JSON.stringify(value)}`,
    );
  }
  if (option === 'RAW') return value;

  if (value.startsWith("'")) return value.slice(1);
  if (/^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(value.trim())) return Number(value);
  return value;
}

/** Checks the `values` of a ValueRange body and returns them as rows. */
export function readInputRows(body: unknown, dimension: MajorDimension): unknown[][] {
  const values = (body as { values?: unknown } | undefined)?.values;
  if (values === undefined) return [];
  if (!Array.isArray(values) || !values.every((row) => Array.isArray(row))) {
    throw statusError(400, "Invalid value at 'data.values': expected a list of lists of values");
  }
  return dimension === 'COLUMNS' ? transpose(values as unknown[][]) : (values as unknown[][]);
}

/**
 * Writes rows at the region's top-left cell. Data beyond a bounded region is rejected as
 * Google does; the grid grows when data goes past its last row or column.
 */
export function writeValues(
  tab: Tab,
  grid: GridRange,
  rows: unknown[][],
  option: ValueInputOption,
  requestedRange: string,
  bounded: { rows: boolean; columns: boolean },
): UpdateResult {
  const height = rows.length;
  const width = Math.max(0, ...rows.map((row) => row.length));
  if (bounded.rows && grid.startRow + height - 1 > grid.endRow) {
    throw statusError(
      400,
      `Requested writing within range [${requestedRange}], but tried writing to row [${grid.startRow + height}]`,
    );
  }
  if (bounded.columns && grid.startColumn + width - 1 > grid.endColumn) {
    throw statusError(
      400,
      `Requested writing within range [${requestedRange}], but tried writing to column [${grid.startColumn + width}]`,
    );
  }

  const parsed = rows.map((row) => row.map((value) => parseInput(value, option)));
  let cells = 0;
  parsed.forEach((row, rowOffset) => {
    row.forEach((value, columnOffset) => {
      if (value === undefined) return;
      setCell(tab, grid.startRow + rowOffset, grid.startColumn + columnOffset, value);
      cells += 1;
    });
  });

  const region: GridRange = {
    sheetTitle: tab.title,
    startRow: grid.startRow,
    startColumn: grid.startColumn,
    endRow: grid.startRow + Math.max(1, height) - 1,
    endColumn: grid.startColumn + Math.max(1, width) - 1,
  };
  return {
    updatedRange: formatA1(region),
    updatedRows: parsed.filter((row) => row.some((value) => value !== undefined)).length,
    updatedColumns: width,
    updatedCells: cells,
    region,
  };
}

/**
 * Finds the table that `values.append` appends to: the first run of consecutive rows with
 * data inside the range, starting at the range's first row with data. Returns undefined when
 * the range has no data.
 */
export function findTable(tab: Tab, grid: GridRange): GridRange | undefined {
  const lastRow = Math.min(grid.endRow, tab.rowCount - 1);
  let start = grid.startRow;
  while (start <= lastRow && !rowHasData(tab, start, grid.startColumn, grid.endColumn)) start++;
  if (start > lastRow) return undefined;

  let end = start;
  while (end + 1 <= lastRow && rowHasData(tab, end + 1, grid.startColumn, grid.endColumn)) end++;

  let firstColumn = grid.endColumn;
  let lastColumn = grid.startColumn;
  for (let row = start; row <= end; row++) {
    for (let column = grid.startColumn; column <= grid.endColumn; column++) {
      if (isEmpty(cellAt(tab, row, column))) continue;
      firstColumn = Math.min(firstColumn, column);
      lastColumn = Math.max(lastColumn, column);
    }
  }
  return {
    sheetTitle: tab.title,
    startRow: start,
    endRow: end,
    startColumn: firstColumn,
    endColumn: lastColumn,
  };
}

/** Inserts `count` empty rows before `row`, shifting later rows down. */
export function insertRows(tab: Tab, row: number, count: number): void {
  while (tab.rows.length < row) tab.rows.push([]);
  tab.rows.splice(row, 0, ...Array.from({ length: count }, () => [] as CellValue[]));
  tab.rowCount += count;
}

/** Empties every cell of the region; rows stay in place. */
export function clearValues(tab: Tab, grid: GridRange): void {
  for (let row = grid.startRow; row <= Math.min(grid.endRow, tab.rows.length - 1); row++) {
    const cells = tab.rows[row]!;
    for (
      let column = grid.startColumn;
      column <= Math.min(grid.endColumn, cells.length - 1);
      column++
    ) {
      cells[column] = null;
    }
  }
}
