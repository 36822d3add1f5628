import type { FastifyInstance } from 'fastify';

import type { GoogleAuthState } from '../auth-state.js';
import { statusError } from '../errors.js';
import { applyBatchUpdate } from './batch-update.js';
import { openSpreadsheet, type IdParams, type SheetsContext } from './request.js';
import type { SheetsStore } from './store.js';
import { registerValuesRoutes } from './values-routes.js';

/** Sheets API v4 `spreadsheets` and `spreadsheets.values` methods under `/v4`. */
export function registerSheetsRoutes(
  app: FastifyInstance,
  auth: GoogleAuthState,
  store: SheetsStore,
): void {
  const context: SheetsContext = { auth, store };

  app.get<IdParams>('/v4/spreadsheets/:id', async (request) => {
    const spreadsheet = openSpreadsheet(context, request, request.params.id, 'read');
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

  // The method follows the id after a colon: `/v4/spreadsheets/{id}:batchUpdate`.
  app.post<IdParams>('/v4/spreadsheets/:id', async (request) => {
    const [id, method] = request.params.id.split(':');
    if (method !== 'batchUpdate') throw statusError(404, 'Requested entity was not found.');
    return applyBatchUpdate(openSpreadsheet(context, request, id!, 'write'), request.body);
  });

  registerValuesRoutes(app, context);
}
