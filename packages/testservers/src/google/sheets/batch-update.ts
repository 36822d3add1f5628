import { statusError } from '../errors.js';
import { cloneTab, type Spreadsheet, type Tab } from './model.js';

interface DimensionRange {
  sheetId?: unknown;
  dimension?: unknown;
  startIndex?: unknown;
  endIndex?: unknown;
}

function invalid(index: number, kind: string, message: string) {
  return statusError(400, `Invalid requests[${index}].${kind}: ${message}`);
}

function deleteDimension(tabs: Tab[], index: number, range: DimensionRange): void {
  const tab = tabs.find((value) => value.sheetId === range.sheetId);
  if (tab === undefined)
    throw invalid(index, 'deleteDimension', `No grid with id: ${String(range.sheetId)}`);

  const { dimension, startIndex, endIndex } = range;
  if (dimension !== 'ROWS' && dimension !== 'COLUMNS') {
    throw invalid(index, 'deleteDimension', 'range.dimension must be ROWS or COLUMNS');
  }

  const size = dimension === 'ROWS' ? tab.rowCount : tab.columnCount;
  const start = startIndex ?? 0;
  const end = endIndex ?? size;
  if (
    !Number.isInteger(start) ||
    !Number.isInteger(end) ||
    (start as number) < 0 ||
    (end as number) <= (start as number)
  ) {
    throw invalid(
      index,
      'deleteDimension',
      'range.startIndex must be less than range.endIndex and both at least 0',
    );
  }
  if ((end as number) > size) {
    throw invalid(
      index,
      'deleteDimension',
      `range.endIndex ${String(end)} is beyond the grid size ${size}`,
    );
  }
  const count = (end as number) - (start as number);
  if (count === size) {
    const noun = dimension === 'ROWS' ? 'rows' : 'columns';
    throw invalid(index, 'deleteDimension', `You can't delete all the ${noun} on the sheet.`);
  }

  if (dimension === 'ROWS') {
    tab.rows.splice(start as number, count);
    tab.rowCount -= count;
    return;
  }
  for (const row of tab.rows) row.splice(start as number, count);
  tab.columnCount -= count;
}

/**
 * Applies `spreadsheets.batchUpdate` requests atomically: all run on copies of the tabs, which
 * replace the originals only when every request succeeded. Supports `deleteDimension`.
 */
export function applyBatchUpdate(
  spreadsheet: Spreadsheet,
  body: unknown,
): { spreadsheetId: string; replies: object[] } {
  const requests = (body as { requests?: unknown } | undefined)?.requests;
  if (!Array.isArray(requests) || requests.length === 0) {
    throw statusError(400, 'Invalid requests: expected a non-empty list of requests');
  }

  const tabs = spreadsheet.tabs.map(cloneTab);
  requests.forEach((request: Record<string, unknown>, index) => {
    const kinds = Object.keys(request ?? {});
    if (kinds.length !== 1 || kinds[0] !== 'deleteDimension') {
      // TODO: only deleteDimension is implemented; other request kinds are rejected.
      throw statusError(
        400,
        `Invalid requests[${index}]: unsupported request ${JSON.stringify(kinds)}; the test server implements deleteDimension`,
      );
    }
    const range = (request.deleteDimension as { range?: DimensionRange } | undefined)?.range ?? {};
    deleteDimension(tabs, index, range);
  });

  spreadsheet.tabs = tabs;
  return { spreadsheetId: spreadsheet.spreadsheetId, replies: requests.map(() => ({})) };
}
