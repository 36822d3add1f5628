export { startTestServers } from './start.js';
export { seedDemo, type DemoCredentials } from './demo-seed.js';
export type {
  FaultControl,
  GithubTestApi,
  GoogleTestApi,
  HttpTestApi,
  TestServerOptions,
  TestServers,
} from './start.js';
export type { ApiName, ActiveFault, FaultAction, FaultRule } from './core/faults.js';
export type { RecordedRequest, RequestFilter, RequestLog } from './core/request-log.js';
export type { InvitationView, SeededGithubApp } from './github/control.js';
export type { GithubSettings } from './github/state.js';
export type { HttpTargetResponse, HttpTargetRoute } from './http/target.js';
export type { ServiceAccountKey, ServiceAccountOptions } from './google/service-account.js';
export { directoryUserScope, sheetsScope } from './google/service-account.js';
export type { SpreadsheetView } from './google/control.js';
export type { DirectorySettings } from './google/directory/store.js';
export type { SheetsSettings, SpreadsheetSeed } from './google/sheets/store.js';
export type { CellValue } from './google/sheets/model.js';
