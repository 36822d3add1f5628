import type { Selectable } from 'kysely';
import type { StepFailure } from '@scimflow/runtime';
import type { ExecutionStepTable, ExecutionTable } from '../runtime/tables.js';

/** An execution as the admin API lists it. Times are ISO 8601 strings, null until they happen. */
export interface ExecutionSummary {
  id: string;
  flowId: string;
  flowName: string;
  /** The pinned flow version; null for a test run of the draft. */
  version: number | null;
  eventId: string;
  eventType: string;
  resource: { type: string; id: string; display: string | null };
  /** Slug of the SCIM endpoint that accepted the event. */
  endpoint: string;
  status: ExecutionTable['status'];
  dryRun: boolean;
  /** True for a test run from the designer. */
  test: boolean;
  attempts: number;
  error?: string;
  /** The node whose step failed last. */
  failedNodeId?: string;
  /** The execution this one retries from the start. */
  retryOf?: string;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A journaled step as the admin API returns it; input, output and requests are redacted. */
export interface StepView {
  nodeId: string;
  nodeType: string;
  status: string;
  input: unknown;
  output: unknown;
  port?: string;
  outcome?: string;
  error?: StepFailure;
  attempts: number;
  requests: unknown[];
  logs: unknown[];
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
}

/** An execution with its steps, in the order they started. */
export interface ExecutionView extends ExecutionSummary {
  /**
   * The client dialect of the event's SCIM request, such as `asgardeo-scim2` or `okta`; null
   * when the event is no longer stored.
   */
  dialect: string | null;
  steps: StepView[];
}

/** A stored execution row with its flow's current name, when the flow still exists. */
export type ExecutionRow = Selectable<ExecutionTable> & { current_flow_name?: string | null };

function isoOrNull(epochMs: number | null): string | null {
  return epochMs === null ? null : new Date(epochMs).toISOString();
}

/** Builds the API's summary of a stored execution. */
export function toExecutionSummary(row: ExecutionRow): ExecutionSummary {
  const summary: ExecutionSummary = {
    id: row.id,
    flowId: row.flow_id,
    flowName: row.current_flow_name ?? row.flow_name,
    version: row.flow_version,
    eventId: row.event_id,
    eventType: row.event_type,
    resource: { type: row.resource_type, id: row.resource_id, display: row.resource_display },
    // The resource key is `<endpoint>:<type>:<id>` (resourceKeyOf), and slugs contain no colon.
    endpoint: row.resource_key.split(':')[0] ?? '',
    status: row.status,
    dryRun: row.dry_run === 1,
    test: row.test === 1,
    attempts: row.attempts,
    queuedAt: new Date(row.queued_at).toISOString(),
    startedAt: isoOrNull(row.started_at),
    finishedAt: isoOrNull(row.finished_at),
  };
  if (row.error !== null) summary.error = row.error;
  if (row.failed_node_id !== null) summary.failedNodeId = row.failed_node_id;
  if (row.retry_of !== null) summary.retryOf = row.retry_of;
  return summary;
}

/** Builds the API's view of a journaled step. */
export function toStepView(row: Selectable<ExecutionStepTable>): StepView {
  const step: StepView = {
    nodeId: row.node_id,
    nodeType: row.node_type,
    status: row.status,
    input: row.input === null ? null : JSON.parse(row.input),
    output: row.output === null ? null : JSON.parse(row.output),
    attempts: row.attempts,
    requests: JSON.parse(row.requests) as unknown[],
    logs: JSON.parse(row.logs) as unknown[],
    startedAt: new Date(row.started_at).toISOString(),
    finishedAt: isoOrNull(row.finished_at),
    durationMs: row.duration_ms,
  };
  if (row.port !== null) step.port = row.port;
  if (row.outcome !== null) step.outcome = row.outcome;
  if (row.error !== null) step.error = JSON.parse(row.error) as StepFailure;
  return step;
}
