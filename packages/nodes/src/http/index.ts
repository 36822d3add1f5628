export {
  createHttpClient,
  sendRequest,
  DRY_RUN_HEADER,
  type RetryingHttpClient,
} from './client.js';
export {
  AttemptAbortedError,
  AttemptTimeoutError,
  HttpTransportError,
  type TransportFailure,
} from './errors.js';
export { decodeBody, encodeBody, requestHeaders } from './encoding.js';
export { backoffDelay, serverRequestedDelay } from './backoff.js';
export { isRateLimited, isServerFailure } from './classify.js';
export { buildUrl, joinUrl } from './url.js';
export { HostAllowlist } from './host-allowlist.js';
export { hostAllowlistProblems } from './allowlist-problems.js';
export type {
  AttemptRecord,
  AttemptSender,
  ClientRequest,
  HttpClientOptions,
  RecordedRequest,
  RetryMode,
} from './types.js';
export {
  ConnectorError,
  apiMessageOf,
  errorFromResponse,
  errorFromTransport,
  redactDeep,
  redactText,
  type ConnectorErrorCode,
  type ConnectorErrorInit,
} from './connector-error.js';
