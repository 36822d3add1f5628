import type { FlowDocument, ProvisioningEvent, ProvisioningEventType } from '@scimflow/flow';

/** A validation finding as `validateFlow` and the admin API return it. */
export interface Problem {
  code: string;
  message: string;
  severity: 'error' | 'warning';
  nodeId?: string;
  edgeId?: string;
  /** Config field path inside the node, such as `body` or `headers.Authorization`. */
  field?: string;
}

/** The server settings that flows are checked against (`GET /api/settings`). */
export interface ServerSettings {
  /** The entries of SCIMFLOW_HTTP_ALLOWED_HOSTS; null when steps may reach any host. */
  httpAllowedHosts: string[] | null;
}

export interface SessionUser {
  username: string;
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
}

export interface EndpointAuth {
  bearer: { configured: boolean };
  basic: { username: string; configured: boolean };
  apiKey: { header: string; configured: boolean };
  oauth2: { clientId: string; configured: boolean };
}

/** A SCIM endpoint that an identity provider provisions into. */
export interface Endpoint {
  slug: string;
  name: string;
  baseUrl: string;
  usersUrl: string;
  groupsUrl: string;
  legacyUrl: string;
  tokenUrl: string;
  auth: EndpointAuth;
  counts: { users: number; groups: number };
  createdAt: string;
}

export type EndpointCredentialKind = 'bearer' | 'basic' | 'apiKey' | 'oauth2';

/** Endpoint credentials in clear text, returned only when created or rotated. */
export type EndpointSecrets = Record<string, unknown>;

export interface EndpointWithSecrets {
  endpoint: Endpoint;
  secrets: EndpointSecrets;
}

/** One inbound SCIM request in an endpoint's log. */
/** One entry of an endpoint's inbound request log, with secrets already redacted by the server. */
export interface InboundRequest {
  id?: string;
  method?: string;
  path?: string;
  query?: string | null;
  status?: number;
  at?: string;
  durationMs?: number;
  userAgent?: string | null;
  dialect?: string | null;
  requestBody?: string | null;
  responseBody?: string | null;
  [field: string]: unknown;
}

export type ExecutionStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface RecentExecution {
  id: string;
  status: ExecutionStatus;
  startedAt: string;
}

export interface FlowSummary {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  publishedVersion: number | null;
  hasDraftChanges: boolean;
  updatedAt: string;
  recentExecutions: RecentExecution[];
}

export interface Flow {
  id: string;
  enabled: boolean;
  draft: FlowDocument;
  publishedVersion: number | null;
  hasDraftChanges: boolean;
  updatedAt: string;
}

export interface FlowVersion {
  version: number;
  note: string;
  publishedBy: string;
  publishedAt: string;
  document?: FlowDocument;
  /** Set by publish: true when the draft equalled this newest version, so none was created. */
  unchanged?: boolean;
}

export interface Sample {
  id: string;
  label: string;
  source: 'builtin' | 'recorded';
  event: ProvisioningEvent;
}

export interface Credential {
  id: string;
  name: string;
  type: string;
  /** Non-secret fields only; secret fields are write-only. */
  fields: Record<string, unknown>;
  /** Names of the secret fields that hold a value. */
  secretFields: string[];
  createdAt: string;
  updatedAt: string;
}

export interface StepError {
  message: string;
  code?: string;
  [field: string]: unknown;
}

/**
 * One HTTP attempt of a step. Headers are never stored, and the runtime cuts every known
 * credential secret out of the URL and the error before it stores the attempt.
 */
export interface StepRequest {
  /** 1 for the first attempt of a request. */
  attempt: number;
  method: string;
  url: string;
  /** Set when a response arrived. */
  status?: number;
  /** Set when no response arrived: the transport error's message. */
  error?: string;
  durationMs: number;
  /** The HTTP client's next action: `return`, `retry`, `verify` or `giveUp`. */
  next?: string;
  /** The wait before the next attempt, in milliseconds, when the client retries. */
  delayMs?: number;
}

/** A log entry that a node wrote during its step. */
export interface StepLog {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

/** One node's run inside an execution, with secrets redacted. */
export interface Step {
  nodeId: string;
  nodeType: string;
  status: 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';
  input: unknown;
  output: unknown;
  error?: StepError | string;
  attempts: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  outcome?: string;
  /** Every HTTP attempt of the step in order. Empty for a step that sends no request. */
  requests: StepRequest[];
  logs: StepLog[];
}

export interface ExecutionSummary {
  id: string;
  flowId: string;
  flowName: string;
  version: number | null;
  eventId: string;
  eventType: ProvisioningEventType | string;
  resource: { type: string; id: string; display?: string };
  /** Slug of the SCIM endpoint that accepted the event. */
  endpoint?: string;
  status: ExecutionStatus;
  dryRun: boolean;
  /** True for a test run of the draft from the designer. The server rejects retries of those. */
  test: boolean;
  attempts: number;
  error?: StepError | string;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface Execution extends ExecutionSummary {
  /** The client dialect of the event's SCIM request; null once the event is pruned. */
  dialect?: string | null;
  steps: Step[];
}

export interface ExecutionPage {
  items: ExecutionSummary[];
  nextBefore?: string;
}

export interface ExecutionFilters {
  flowId?: string;
  status?: ExecutionStatus | '';
  resource?: string;
  since?: string;
  until?: string;
  limit?: number;
  before?: string;
  /** Lists only test runs when true. The API leaves them out otherwise. */
  test?: boolean;
}
