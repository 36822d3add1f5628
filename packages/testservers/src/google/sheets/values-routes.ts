import type { FastifyInstance } from 'fastify';

import { statusError } from '../errors.js';
import { formatA1, type GridRange } from './a1.js';
import { appendValues } from './append-route.js';
import type { Spreadsheet, Tab } from './model.js';
import {
  bodyDimension,
  openSpreadsheet,
  rangeFromUrl,
  readDimension,
  readRenderOption,
  requireInputOption,
  type IdParams,
  type Query,
  type SheetsContext,
} from './request.js';
import {
  clearValues,
  readInputRows,
  readValues,
  writeValues,
  type MajorDimension,
} from './values.js';

/** Reads one range as a ValueRange, bounded by the tab's grid. */
function valueRange(
  context: SheetsContext,
  spreadsheet: Spreadsheet,
  range: string,
  query: Query,
  dimension: MajorDimension,
) {
  const { tab, grid } = context.store.resolve(spreadsheet, range);
  const clipped = clipToGrid(tab, grid);
  const values = readValues(tab, clipped, dimension, readRenderOption(query));
  return {
    range: formatA1(clipped),
    majorDimension: dimension,
    ...(values === undefined ? {} : { values }),
  };
}

function clipToGrid(tab: Tab, grid: GridRange): GridRange {
  return {
    ...grid,
    endRow: Math.min(grid.endRow, tab.rowCount - 1),
    endColumn: Math.min(grid.endColumn, tab.columnCount - 1),
  };
}

/** `spreadsheets.values`: get, batchGet, update, append and clear. */
export function registerValuesRoutes(app: FastifyInstance, context: SheetsContext): void {
  app.get<IdParams>('/v4/spreadsheets/:id/values/*', async (request) => {
    const spreadsheet = openSpreadsheet(context, request, request.params.id, 'read');
    const query = request.query as Query;
    const dimension = readDimension(query.majorDimension, 'major_dimension');
    return valueRange(context, spreadsheet, rangeFromUrl(request), query, dimension);
  });

  app.get<IdParams>('/v4/spreadsheets/:id/values::batchGet', async (request) => {
    const spreadsheet = openSpreadsheet(context, request, request.params.id, 'read');
    const query = request.query as Query;
    const dimension = readDimension(query.majorDimension, 'major_dimension');
    const ranges = query.ranges === undefined ? [] : [query.ranges].flat();

    return {
      spreadsheetId: spreadsheet.spreadsheetId,
      valueRanges: ranges.map((range) => valueRange(context, spreadsheet, range, query, dimension)),
    };
  });

  app.put<IdParams>('/v4/spreadsheets/:id/values/*', async (request) => {
    const spreadsheet = openSpreadsheet(context, request, request.params.id, 'write');
    const query = request.query as Query;
    const option = requireInputOption(query);
    const range = rangeFromUrl(request);
    const { tab, grid, parsed } = context.store.resolve(spreadsheet, range);

    const rows = readInputRows(request.body, bodyDimension(request));
    const { region, ...counts } = writeValues(tab, grid, rows, option, range, {
      rows: parsed.endRow !== undefined,
      columns: parsed.endColumn !== undefined,
    });

    const response: Record<string, unknown> = {
      spreadsheetId: spreadsheet.spreadsheetId,
      ...counts,
    };
    if (query.includeValuesInResponse === 'true') {
      response.updatedData = {
        range: formatA1(region),
        majorDimension: 'ROWS',
        values: readValues(tab, region, 'ROWS', 'FORMATTED_VALUE') ?? [],
      };
    }
    return response;
  });

  // `…/values/{range}:append` and `…/values/{range}:clear` share one path pattern.
  app.post<IdParams>('/v4/spreadsheets/:id/values/*', async (request) => {
    const target = rangeFromUrl(request);
    const separator = target.lastIndexOf(':');
    const method = target.slice(separator + 1);
    const range = target.slice(0, separator);
    if (method !== 'append' && method !== 'clear') {
      throw statusError(404, 'Requested entity was not found.');
    }

    const spreadsheet = openSpreadsheet(context, request, request.params.id, 'write');
    if (method === 'append') return appendValues(context, request, spreadsheet, range);

    const { tab, grid } = context.store.resolve(spreadsheet, range);
    clearValues(tab, grid);
    return {
      spreadsheetId: spreadsheet.spreadsheetId,
      clearedRange: formatA1(clipToGrid(tab, grid)),
    };
  });
}
