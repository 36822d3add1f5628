import { randomBytes } from 'node:crypto';

import { statusError } from '../errors.js';
import { parseA1, type A1Range, type GridRange } from './a1.js';
import type { CellValue, Spreadsheet, Tab } from './model.js';

/** Per-minute request quotas per user; undefined means unlimited. */
export interface SheetsSettings {
  readRequestsPerMinute?: number;
  writeRequestsPerMinute?: number;
}

/** Options of {@link SheetsStore.create}. */
export interface SpreadsheetSeed {
  title: string;
  /** Tabs with their rows; defaults to one empty tab "Sheet1". */
  sheets?: { title: string; rows?: CellValue[][]; rowCount?: number; columnCount?: number }[];
  /** Emails the spreadsheet is shared with; defaults to anyone with a valid token. */
  sharedWith?: string[];
  spreadsheetId?: string;
}

interface QuotaWindow {
  minute: number;
  reads: number;
  writes: number;
}

export function spreadsheetNotFound() {
  return statusError(404, 'Requested entity was not found.');
}

export function unableToParse(range: string) {
  return statusError(400, `Unable to parse range: ${range}`);
}

/** Spreadsheets of the Sheets test server, with access checks and request quotas. */
export class SheetsStore {
  settings: SheetsSettings = {};
  spreadsheets = new Map<string, Spreadsheet>();
  private quotas = new Map<string, QuotaWindow>();

  reset(): void {
    this.settings = {};
    this.spreadsheets.clear();
    this.quotas.clear();
  }

  /** Creates a spreadsheet; its tabs get sheet ids 0, 1, 2 … in order. */
  create(seed: SpreadsheetSeed): Spreadsheet {
    const spreadsheetId = seed.spreadsheetId ?? randomBytes(33).toString('base64url').slice(0, 44);
    const sheets = seed.sheets ?? [{ title: 'Sheet1' }];
    const tabs: Tab[] = sheets.map((sheet, index) => ({
      sheetId: index === 0 ? 0 : 100000 + index,
      title: sheet.title,
      rowCount: Math.max(sheet.rowCount ?? 1000, sheet.rows?.length ?? 0),
      columnCount: Math.max(
        sheet.columnCount ?? 26,
        ...(sheet.rows ?? []).map((row) => row.length),
      ),
      rows: (sheet.rows ?? []).map((row) => [...row]),
    }));

    const spreadsheet: Spreadsheet = {
      spreadsheetId,
      title: seed.title,
      tabs,
      sharedWith:
        seed.sharedWith === undefined
          ? 'anyone'
          : new Set(seed.sharedWith.map((email) => email.toLowerCase())),
    };
    this.spreadsheets.set(spreadsheetId, spreadsheet);
    return spreadsheet;
  }

  /** Returns the spreadsheet if `identity` may use it; 404 when unknown, 403 when not shared. */
  require(spreadsheetId: string, identity: string): Spreadsheet {
    const spreadsheet = this.spreadsheets.get(spreadsheetId);
    if (spreadsheet === undefined) throw spreadsheetNotFound();

    if (
      spreadsheet.sharedWith !== 'anyone' &&
      !spreadsheet.sharedWith.has(identity.toLowerCase())
    ) {
      throw statusError(403, 'The caller does not have permission');
    }
    return spreadsheet;
  }

  /** Parses `range` and resolves it against its tab's grid, or throws "Unable to parse range". */
  resolve(spreadsheet: Spreadsheet, range: string): { tab: Tab; grid: GridRange; parsed: A1Range } {
    const parsed = parseA1(range);
    if (parsed === undefined) throw unableToParse(range);

    const tab =
      parsed.sheetTitle === undefined
        ? spreadsheet.tabs[0]
        : spreadsheet.tabs.find(
            (value) => value.title.toLowerCase() === parsed.sheetTitle!.toLowerCase(),
          );
    if (tab === undefined) throw unableToParse(range);

    const grid: GridRange = {
      sheetTitle: tab.title,
      startRow: parsed.startRow ?? 0,
      startColumn: parsed.startColumn ?? 0,
      endRow: parsed.endRow ?? tab.rowCount - 1,
      endColumn: parsed.endColumn ?? tab.columnCount - 1,
    };
    if (grid.endRow < grid.startRow || grid.endColumn < grid.startColumn)
      throw unableToParse(range);
    return { tab, grid, parsed };
  }

  /**
   * Counts a request against the user's per-minute quota, throwing Google's 429
   * RESOURCE_EXHAUSTED once the quota is used up.
   */
  countRequest(identity: string, kind: 'read' | 'write'): void {
    const limit =
      kind === 'read' ? this.settings.readRequestsPerMinute : this.settings.writeRequestsPerMinute;
    if (limit === undefined) return;

    const minute = Math.floor(Date.now() / 60_000);
    let window = this.quotas.get(identity);
    if (window === undefined || window.minute !== minute) {
      window = { minute, reads: 0, writes: 0 };
      this.quotas.set(identity, window);
    }

    const used = kind === 'read' ? window.reads : window.writes;
    if (used >= limit) throw quotaExceeded(kind);
    if (kind === 'read') window.reads += 1;
    else window.writes += 1;
  }
}

/** Google's 429 for a used-up per-minute Sheets quota. */
export function quotaExceeded(kind: 'read' | 'write') {
  const label = kind === 'read' ? 'Read' : 'Write';
  const message = `Quota exceeded for quota metric '${label} requests' and limit '${label} requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:100000000001'.`;
  return statusError(429, message, [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'RATE_LIMIT_EXCEEDED',
      domain: 'googleapis.com',
      metadata: {
        service: 'sheets.googleapis.com',
        consumer: 'projects/100000000001',
        quota_limit: `${label}RequestsPerMinutePerUser`,
        quota_metric: `sheets.googleapis.com/${kind}_requests`,
        quota_location: 'global',
      },
    },
  ]);
}
