import type { Selectable } from 'kysely';
import type { StepFailure } from '@scimflow/runtime';
import { z } from 'zod';
import type { ExecutionStepTable, ExecutionTable } from '../runtime/tables.js';

const StepFailureSchema = z.object({
  nodeId: z.string(),
  message: z.string(),
  code: z.string().describe("A stable code such as `config_invalid` or a connector's code"),
  retryable: z.boolean().describe('False when running the execution again cannot help'),
  retryAfterMs: z.number().optional(),
});

/** An execution as the admin API lists it. Times are ISO 8601 strings, null until they happen. */
export const ExecutionSummarySchema = z.object({
  id: z.string(),
  flowId: z.string(),
  flowName: z.string(),
  version: z
    .number()
    .int()
    .nullable()
    .describe('The pinned flow version; null for a test run of the draft'),
  eventId: z.string(),
  eventType: z.string(),
  resource: z.object({ type: z.string(), id: z.string(), display: z.string().nullable() }),
  endpoint: z.string().describe('Slug of the SCIM endpoint that accepted the event'),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  dryRun: z.boolean(),
  test: z.boolean().describe('True for a test run from the designer'),
  attempts: z.number().int(),
  error: z.string().optional(),
  failedNodeId: z.string().optional().describe('The node whose step failed last'),
  retryOf: z.string().optional().describe('The execution this one retries from the start'),
  queuedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type ExecutionSummary = z.infer<typeof ExecutionSummarySchema>;

/** A journaled step as the admin API returns it; input, output and requests are redacted. */
export const StepViewSchema = z.object({
  nodeId: z.string(),
  nodeType: z.string(),
  status: z.string(),
  input: z.unknown(),
  output: z.unknown(),
  port: z.string().optional(),
  outcome: z.string().optional(),
  error: StepFailureSchema.optional(),
  attempts: z.number().int(),
  requests: z.array(z.unknown()).describe('The HTTP requests of the step with their responses'),
  logs: z.array(z.unknown()),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
});
export type StepView = z.infer<typeof StepViewSchema>;

/** An execution with its steps, in the order they started. */
export const ExecutionViewSchema = ExecutionSummarySchema.extend({
  dialect: z
    .string()
    .nullable()
    .describe(
      "The client dialect of the event's SCIM request, such as `asgardeo-scim2` or `okta`; null when the event is no longer stored",
    ),
  steps: z.array(StepViewSchema),
});
export type ExecutionView = z.infer<typeof ExecutionViewSchema>;

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
