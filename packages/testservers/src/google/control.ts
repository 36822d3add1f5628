import type { AccessToken, GoogleAuthState } from './auth-state.js';
import { serializeUser } from './directory/model.js';
import type { DirectorySettings, DirectoryStore } from './directory/store.js';
import {
  directoryUserScope,
  registerServiceAccount,
  sheetsScope,
  type ServiceAccountKey,
  type ServiceAccountOptions,
} from './service-account.js';
import type { CellValue } from './sheets/model.js';
import type { SheetsSettings, SheetsStore, SpreadsheetSeed } from './sheets/store.js';

/** A spreadsheet as tests read it back: tabs with their sheet ids and rows. */
export interface SpreadsheetView {
  spreadsheetId: string;
  title: string;
  sheets: { sheetId: number; title: string; rows: CellValue[][] }[];
}

/** Typed seeding and inspection of the Google test server's state. */
export class GoogleControl {
  constructor(
    private readonly auth: GoogleAuthState,
    private readonly directory: DirectoryStore,
    private readonly sheets: SheetsStore,
  ) {}

  /**
   * Creates a service account with domain-wide delegation for Directory users and Sheets
   * (or for `delegatedScopes` when given) and returns its key file.
   */
  createServiceAccount(options: ServiceAccountOptions = {}): ServiceAccountKey {
    return registerServiceAccount(this.auth, options);
  }

  /** Adds a Workspace admin that service accounts may impersonate with `sub`. */
  addAdmin(email: string): void {
    this.auth.admins.add(email.toLowerCase());
    this.addDomain(email.slice(email.indexOf('@') + 1));
  }

  /** Adds a verified domain, so Directory users may have primary emails in it. */
  addDomain(domain: string): void {
    this.auth.domains.add(domain.toLowerCase());
  }

  /** Accepts another JWT `aud`, such as the real `https://oauth2.googleapis.com/token`. */
  addAudience(audience: string): void {
    this.auth.audiences.add(audience);
  }

  /** Issues an access token without a JWT, for tests that do not exercise the token endpoint. */
  issueAccessToken(
    input: { subject?: string; clientEmail?: string; scopes?: string[] } = {},
  ): string {
    const token: Omit<AccessToken, 'token'> = {
      clientEmail: input.clientEmail ?? 'test@scimflow-test.iam.gserviceaccount.com',
      subject: input.subject?.toLowerCase(),
      scopes: input.scopes ?? [directoryUserScope, sheetsScope],
      expiresAt: Date.now() + 3599 * 1000,
    };
    return this.auth.issueToken(token).token;
  }

  configureDirectory(settings: Partial<DirectorySettings>): void {
    Object.assign(this.directory.settings, settings);
  }

  configureSheets(settings: Partial<SheetsSettings>): void {
    Object.assign(this.sheets.settings, settings);
  }

  /** Inserts a Directory user directly, with the same checks as `users.insert`. */
  createUser(body: Record<string, unknown>) {
    return serializeUser(this.directory.insert(body), this.auth.customerId);
  }

  /** Returns a Directory user by id, primary email or alias, as the API would, or undefined. */
  getUser(userKey: string) {
    const user = this.directory.find(userKey);
    return user === undefined ? undefined : serializeUser(user, this.auth.customerId);
  }

  /** Returns every Directory user that is not deleted. */
  users() {
    return [...this.directory.users.values()]
      .filter((user) => !user.deleted)
      .map((user) => serializeUser(user, this.auth.customerId));
  }

  /** Creates a spreadsheet, shared with anyone who has a valid token unless `sharedWith` is set. */
  createSpreadsheet(seed: SpreadsheetSeed): SpreadsheetView {
    return this.viewSpreadsheet(this.sheets.create(seed).spreadsheetId);
  }

  /** Returns a spreadsheet's tabs and rows, or throws when the id is unknown. */
  viewSpreadsheet(spreadsheetId: string): SpreadsheetView {
    const spreadsheet = this.sheets.spreadsheets.get(spreadsheetId);
    if (spreadsheet === undefined) {
      throw new Error(`Spreadsheet ${spreadsheetId} not found: create it with createSpreadsheet()`);
    }

    return {
      spreadsheetId,
      title: spreadsheet.title,
      sheets: spreadsheet.tabs.map((tab) => ({
        sheetId: tab.sheetId,
        title: tab.title,
        rows: tab.rows.map((row) => [...row]),
      })),
    };
  }

  /** Returns state as JSON for `GET /__control/state`. */
  snapshot() {
    return {
      admins: [...this.auth.admins],
      domains: [...this.auth.domains],
      serviceAccounts: [...this.auth.serviceAccounts.keys()],
      users: this.users(),
      spreadsheets: [...this.sheets.spreadsheets.keys()].map((id) => this.viewSpreadsheet(id)),
    };
  }
}
