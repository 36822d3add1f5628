import type { FlowDocument, ProvisioningEvent } from '@scimflow/flow';
import type {
  HostAllowlist,
  HttpClient,
  NodeDefinition,
  NodeResult,
  ResolvedCredential,
} from '@scimflow/nodes';

/** One HTTP attempt as the client reports it; the retrying client's `AttemptRecord` fits. */
export interface HttpAttempt {
  attempt: number;
  method: string;
  url: string;
  status?: number;
  error?: string;
  durationMs: number;
  next?: string;
  delayMs?: number;
}

/** Options the runtime passes to the factory of a step's HTTP client. */
export interface HttpClientRequestOptions {
  dryRun: boolean;
  /** The node's retry override: attempts per request, first one included. */
  maxAttempts?: number;
  /** The node's retry override: timeout of one attempt, in milliseconds. */
  timeoutMs?: number;
  onAttempt: (attempt: HttpAttempt) => void;
  signal: AbortSignal;
  /** The hosts that requests may go to; any host when absent. */
  allowedHosts?: HostAllowlist;
}

/**
 * Creates the HTTP client for one step. The server passes the connectors' `createHttpClient`,
 * whose options this shape is a subset of.
 */
export type HttpClientFactory = (options: HttpClientRequestOptions) => HttpClient;

/** Status of a journaled step. */
export type StepStatus = 'running' | 'succeeded' | 'failed';

/** Why a step failed: the message names the node and what to fix. Secrets are redacted. */
export interface StepFailure {
  nodeId: string;
  message: string;
  /** Stable code such as `config_invalid`, `expression_failed`, `flow_stopped` or a connector's code. */
  code: string;
  /** False when running the execution again cannot help (an invalid config, a stop node). */
  retryable: boolean;
  /** A wait that the remote API asked for before a retry, in milliseconds. */
  retryAfterMs?: number;
}

/** A step as the journal stores it. Input, output, requests and logs are redacted. */
export interface StepRecord {
  executionId: string;
  nodeId: string;
  nodeType: string;
  /** `${executionId}:${nodeId}`, stable across retries of the execution. */
  idempotencyKey: string;
  status: StepStatus;
  /** The node's config after expression resolution. */
  input: unknown;
  output?: unknown;
  /** The output port the step took. */
  port?: string;
  outcome?: NodeResult['outcome'];
  error?: StepFailure;
  /** Maximum tries one HTTP request of this step needed, and at least 1 once the step finished. */
  attempts: number;
  requests: HttpAttempt[];
  logs: { level: 'info' | 'warn' | 'error'; message: string; fields?: Record<string, unknown> }[];
  dryRun: boolean;
  /** Epoch milliseconds. */
  startedAt: number;
  finishedAt?: number;
  durationMs?: number;
}

/**
 * Step store of the runtime. The server stores them in SQL, keyed by execution id and node
 * id; `saveStep` replaces the earlier record of the same step.
 */
export interface Journal {
  /** Returns the recorded steps of an execution, so a resumed execution can skip finished ones. */
  loadSteps(executionId: string): Promise<StepRecord[]>;
  /** Inserts or replaces a step's record; called at the start, after each HTTP attempt and at the end. */
  saveStep(record: StepRecord): Promise<void>;
}

/** A pino-compatible logger; the server passes a child of Fastify's logger. */
export interface RuntimeLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
  child(bindings: Record<string, unknown>): RuntimeLogger;
}

/** Input of runExecution: one event, one pinned flow version, and the services a run uses. */
export interface ExecutionInput {
  executionId: string;
  /** The flow version pinned when the event was accepted; drafts only in test runs. */
  document: FlowDocument;
  event: ProvisioningEvent;
  journal: Journal;
  /** Creates each step's HTTP client; defaults to the connectors' retrying client. */
  createHttpClient?: HttpClientFactory;
  /** Returns the decrypted credential with this name, or undefined when none exists. */
  resolveCredential(name: string): Promise<ResolvedCredential | undefined>;
  /** Returns a node type's definition; defaults to the node catalogue. */
  getNodeDefinition?: (type: string) => NodeDefinition | undefined;
  /** In a dry run, connectors report the calls they would make and send nothing that writes. */
  dryRun?: boolean;
  /**
   * Runs this node and every step after it again, even where the journal records success; earlier
   * successful steps are reused. Used to retry an execution from its failed step.
   */
  fromStep?: string;
  /** Ignores the journal and runs every step again (a whole retry with the same idempotency keys). */
  restart?: boolean;
  /** Secret strings to scrub from the journal, beyond credential values. */
  secrets?: readonly string[];
  /** Returns a credential's secret values; defaults to every string value of the credential. */
  secretsOf?: (credential: ResolvedCredential) => readonly string[];
  /** The hosts that steps may send HTTP requests to; any host when absent. */
  allowedHosts?: HostAllowlist;
  logger?: RuntimeLogger;
  signal?: AbortSignal;
  /** Returns epoch milliseconds; defaults to Date.now. */
  now?: () => number;
}

/** The outcome of runExecution. */
export interface ExecutionResult {
  executionId: string;
  status: 'succeeded' | 'failed';
  /** The steps of this walk in the order they ran or were reused. */
  steps: StepRecord[];
  /** Node ids whose journaled success was reused instead of running again. */
  reused: string[];
  error?: StepFailure;
}
