import type { FastifyRequest } from 'fastify';

import { formatA1 } from './a1.js';
import type { Spreadsheet } from './model.js';
import {
  bodyDimension,
  enumValue,
  requireInputOption,
  type Query,
  type SheetsContext,
} from './request.js';
import { findTable, insertRows, readInputRows, readValues, writeValues } from './values.js';

/**
 * Runs `values.append`: finds the table in `range`, writes the rows after its last row from its
 * first column (or at the range's start when the range is empty), and returns `tableRange` and
 * `updates` as the API does. INSERT_ROWS shifts later rows down; OVERWRITE writes over them.
 */
export function appendValues(
  context: SheetsContext,
  request: FastifyRequest,
  spreadsheet: Spreadsheet,
  range: string,
) {
  const query = request.query as Query;
  const option = requireInputOption(query);
  const insertOption = enumValue(
    query.insertDataOption,
    ['OVERWRITE', 'INSERT_ROWS'],
    'OVERWRITE',
    'insert_data_option',
  );
  const { tab, grid } = context.store.resolve(spreadsheet, range);
  const rows = readInputRows(request.body, bodyDimension(request));

  const table = findTable(tab, grid);
  const startRow = table === undefined ? grid.startRow : table.endRow + 1;
  const startColumn = table === undefined ? grid.startColumn : table.startColumn;
  if (insertOption === 'INSERT_ROWS' && rows.length > 0) insertRows(tab, startRow, rows.length);

  const target = {
    sheetTitle: tab.title,
    startRow,
    startColumn,
    endRow: startRow,
    endColumn: startColumn,
  };
  const { region, ...updates } = writeValues(tab, target, rows, option, range, {
    rows: false,
    columns: false,
  });

  const response: Record<string, unknown> = {
    spreadsheetId: spreadsheet.spreadsheetId,
    updates: { spreadsheetId: spreadsheet.spreadsheetId, ...updates },
  };
  if (table !== undefined) response.tableRange = formatA1(table);
  if (query.includeValuesInResponse === 'true') {
    (response.updates as Record<string, unknown>).updatedData = {
      range: formatA1(region),
      majorDimension: 'ROWS',
      values: readValues(tab, region, 'ROWS', 'FORMATTED_VALUE') ?? [],
    };
  }
  return response;
}
