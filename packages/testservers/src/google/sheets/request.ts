import type { FastifyRequest } from 'fastify';

import type { GoogleAuthState } from '../auth-state.js';
import { requireAccessToken } from '../bearer.js';
import { statusError } from '../errors.js';
import type { Spreadsheet } from './model.js';
import type { SheetsStore } from './store.js';
import type { MajorDimension, ValueInputOption, ValueRenderOption } from './values.js';

const auth = 'https://www.googleapis.com/auth';
const writeScopes = [`${auth}/spreadsheets`, `${auth}/drive`, `${auth}/drive.file`];
const readScopes = [...writeScopes, `${auth}/spreadsheets.readonly`, `${auth}/drive.readonly`];

export type Query = Record<string, string | string[] | undefined>;
export type IdParams = { Params: { id: string } };

/** Token state and spreadsheets that the Sheets routes share. */
export interface SheetsContext {
  auth: GoogleAuthState;
  store: SheetsStore;
}

/** Reads one enum query parameter, or throws Google's 400 naming the parameter and the choices. */
export function enumValue<T extends string>(
  value: unknown,
  allowed: T[],
  fallback: T,
  name: string,
): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw statusError(
      400,
      `Invalid value at '${name}' (${String(value)}): expected one of ${allowed.join(', ')}`,
    );
  }
  return value as T;
}

export function requireInputOption(query: Query): ValueInputOption {
  if (query.valueInputOption === undefined) {
    throw statusError(400, "'valueInputOption' is required but not specified");
  }
  return enumValue(query.valueInputOption, ['RAW', 'USER_ENTERED'], 'RAW', 'value_input_option');
}

export function readRenderOption(query: Query): ValueRenderOption {
  return enumValue<ValueRenderOption>(
    query.valueRenderOption,
    ['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA'],
    'FORMATTED_VALUE',
    'value_render_option',
  );
}

export function readDimension(value: unknown, name: string): MajorDimension {
  return enumValue<MajorDimension>(value, ['ROWS', 'COLUMNS'], 'ROWS', name);
}

/** Returns the body's `majorDimension`, which defaults to ROWS. */
export function bodyDimension(request: FastifyRequest): MajorDimension {
  const body = request.body as { majorDimension?: unknown } | undefined;
  return readDimension(body?.majorDimension, 'data.major_dimension');
}

/** Returns the decoded text after `/values/` in the URL, without the query string. */
export function rangeFromUrl(request: FastifyRequest): string {
  const path = request.url.split('?')[0]!;
  return decodeURIComponent(path.slice(path.indexOf('/values/') + '/values/'.length));
}

/**
 * Checks the bearer token's scope and the caller's access to the spreadsheet, and counts the
 * request against the caller's per-minute quota. The caller is the impersonated user, or the
 * service account itself without `sub`.
 */
export function openSpreadsheet(
  context: SheetsContext,
  request: FastifyRequest,
  spreadsheetId: string,
  kind: 'read' | 'write',
): Spreadsheet {
  const scopes = kind === 'read' ? readScopes : writeScopes;
  const token = requireAccessToken(context.auth, request, scopes, false);
  const identity = token.subject ?? token.clientEmail;

  const spreadsheet = context.store.require(spreadsheetId, identity);
  context.store.countRequest(identity, kind);
  return spreadsheet;
}
