export { startTestServers } from './start.js';
export type {
  FaultControl,
  GithubTestApi,
  HttpTestApi,
  TestServerOptions,
  TestServers,
} from './start.js';
export type { ApiName, ActiveFault, FaultAction, FaultRule } from './core/faults.js';
export type { RecordedRequest, RequestFilter, RequestLog } from './core/request-log.js';
export type { InvitationView, SeededGithubApp } from './github/control.js';
export type { GithubSettings } from './github/state.js';
export type { HttpTargetResponse, HttpTargetRoute } from './http/target.js';
