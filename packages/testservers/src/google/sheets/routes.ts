import type { FastifyInstance, FastifyRequest } from 'fastify';

import type { GoogleAuthState } from '../auth-state.js';
import { requireAccessToken } from '../bearer.js';
import { statusError } from '../errors.js';
import { formatA1 } from './a1.js';
import { applyBatchUpdate } from './batch-update.js';
import type { Spreadsheet } from './model.js';
import type { SheetsStore } from './store.js';
import {
  clearValues,
  findTable,
  insertRows,
  readInputRows,
  readValues,
  writeValues,
  type MajorDimension,
  type ValueInputOption,
  type ValueRenderOption,
} from './values.js';

const auth = 'https://www.googleapis.com/auth';
const writeScopes = [`${auth}/spreadsheets`, `${auth}/drive`, `${auth}/drive.file`];
const readScopes = [...writeScopes, `${auth}/spreadsheets.readonly`, `${auth}/drive.readonly`];

type Query = Record<string, string | undefined>;
type IdParams = { Params: { id: string } };

function enumValue<T extends string>(
  value: string | undefined,
  allowed: T[],
  fallback: T,
  name: string,
): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) {
    throw statusError(
      400,
      `Invalid value at '${name}' (${value}): expected one of ${allowed.join(', ')}`,
    );
  }
  return value as T;
}

function requireInputOption(query: Query): ValueInputOption {
  if (query.valueInputOption === undefined) {
    throw statusError(400, "'valueInputOption' is required but not specified");
  }
  return enumValue(query.valueInputOption, ['RAW', 'USER_ENTERED'], 'RAW', 'value_input_option');
}

/** Returns the decoded text after `/values/` in the URL, without the query string. */
function rangeFromUrl(request: FastifyRequest): string {
  const path = request.url.split('?')[0]!;
  return decodeURIComponent(path.slice(path.indexOf('/values/') + '/values/'.length));
}

/** Sheets API v4 `spreadsheets` and `spreadsheets.values` methods under `/v4`. */
export function registerSheetsRoutes(
  app: FastifyInstance,
  authState: GoogleAuthState,
  store: SheetsStore,
): void {
  const open = (request: FastifyRequest, id: string, kind: 'read' | 'write'): Spreadsheet => {
    const token = requireAccessToken(
      authState,
      request,
      kind === 'read' ? readScopes : writeScopes,
      false,
    );
    const identity = token.subject ?? token.clientEmail;
    const spreadsheet = store.require(id, identity);
    store.countRequest(identity, kind);
    return spreadsheet;
  };

  app.get<IdParams>('/v4/spreadsheets/:id', async (request) => {
    const spreadsheet = open(request, request.params.id, 'read');
    return {
      spreadsheetId: spreadsheet.spreadsheetId,
      properties: { title: spreadsheet.title, locale: 'en_US', timeZone: 'Etc/GMT' },
      sheets: spreadsheet.tabs.map((tab, index) => ({
        properties: {
          sheetId: tab.sheetId,
          title: tab.title,
          index,
          sheetType: 'GRID',
          gridProperties: { rowCount: tab.rowCount, columnCount: tab.columnCount },
        },
      })),
      spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${spreadsheet.spreadsheetId}/edit`,
    };
  });

  app.post<IdParams>('/v4/spreadsheets/:id', async (request) => {
    const [id, method] = request.params.id.split(':');
    if (method !== 'batchUpdate') throw statusError(404, 'Requested entity was not found.');
    return applyBatchUpdate(open(request, id!, 'write'), request.body);
  });

  app.get<IdParams>('/v4/spreadsheets/:id/values/*', async (request) => {
    const spreadsheet = open(request, request.params.id, 'read');
    const query = request.query as Query;
    const range = rangeFromUrl(request);
    const { tab, grid } = store.resolve(spreadsheet, range);
    const dimension = enumValue<MajorDimension>(
      query.majorDimension,
      ['ROWS', 'COLUMNS'],
      'ROWS',
      'major_dimension',
    );
    const render = enumValue<ValueRenderOption>(
      query.valueRenderOption,
      ['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA'],
      'FORMATTED_VALUE',
      'value_render_option',
    );

    const clipped = {
      ...grid,
      endRow: Math.min(grid.endRow, tab.rowCount - 1),
      endColumn: Math.min(grid.endColumn, tab.columnCount - 1),
    };
    const values = readValues(tab, clipped, dimension, render);
    return {
      range: formatA1(clipped),
      majorDimension: dimension,
      ...(values === undefined ? {} : { values }),
    };
  });

  app.put<IdParams>('/v4/spreadsheets/:id/values/*', async (request) => {
    const spreadsheet = open(request, request.params.id, 'write');
    const query = request.query as Query;
    const option = requireInputOption(query);
    const range = rangeFromUrl(request);
    const { tab, grid, parsed } = store.resolve(spreadsheet, range);
    const dimension = enumValue<MajorDimension>(
      (request.body as { majorDimension?: string } | undefined)?.majorDimension,
      ['ROWS', 'COLUMNS'],
      'ROWS',
      'data.major_dimension',
    );

    const rows = readInputRows(request.body, dimension);
    const result = writeValues(tab, grid, rows, option, range, {
      rows: parsed.endRow !== undefined,
      columns: parsed.endColumn !== undefined,
    });
    const { region, ...counts } = result;
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

  app.post<IdParams>('/v4/spreadsheets/:id/values/*', async (request) => {
    const target = rangeFromUrl(request);
    const separator = target.lastIndexOf(':');
    const method = target.slice(separator + 1);
    const range = target.slice(0, separator);
    if (method === 'clear') {
      const spreadsheet = open(request, request.params.id, 'write');
      const { tab, grid } = store.resolve(spreadsheet, range);
      clearValues(tab, grid);
      return { spreadsheetId: spreadsheet.spreadsheetId, clearedRange: formatA1(grid) };
    }
    if (method !== 'append') throw statusError(404, 'Requested entity was not found.');

    return appendValues(request, open(request, request.params.id, 'write'), range);
  });

  const appendValues = (request: FastifyRequest, spreadsheet: Spreadsheet, range: string) => {
    const query = request.query as Query;
    const option = requireInputOption(query);
    const insertOption = enumValue(
      query.insertDataOption,
      ['OVERWRITE', 'INSERT_ROWS'],
      'OVERWRITE',
      'insert_data_option',
    );
    const { tab, grid } = store.resolve(spreadsheet, range);
    const dimension = enumValue<MajorDimension>(
      (request.body as { majorDimension?: string } | undefined)?.majorDimension,
      ['ROWS', 'COLUMNS'],
      'ROWS',
      'data.major_dimension',
    );
    const rows = readInputRows(request.body, dimension);

    // Values go to the row after the detected table, starting at the table's first column.
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
  };
}
