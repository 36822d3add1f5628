import type { Generated } from 'kysely';

/** Execution status, as stored and as the admin API returns it. */
export type ExecutionStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/*
 * The runtime's tables, merged into the server's `Database` type here so that the runtime owns
 * its schema next to its migration (`0201_runtime`).
 */

/** A durable read position over an ordered table, such as the dispatcher's over `events`. */
export interface RuntimeCursorTable {
  name: string;
  /** The last `events.sequence` already turned into executions. */
  sequence: number;
  updated_at: number;
}

/** One run of one event through one flow version. Times are epoch milliseconds. */
export interface ExecutionTable {
  /** Queue order: executions of one resource key run in this order. */
  seq: Generated<number>;
  id: string;
  flow_id: string;
  /** The version pinned when the event was accepted; null for a test run of the draft. */
  flow_version: number | null;
  flow_name: string;
  event_id: string;
  /** `events.sequence` of the event; null for a test run, whose event is in `event_payload`. */
  sequence: number | null;
  event_type: string;
  /** The ProvisioningEvent as JSON for test runs; live executions read it from `events`. */
  event_payload: string | null;
  /** `endpoint:resourceType:resourceId`. */
  resource_key: string;
  resource_type: string;
  resource_id: string;
  /** userName of a user or displayName of a group, for search and display. */
  resource_display: string | null;
  status: ExecutionStatus;
  attempts: number;
  error: string | null;
  failed_node_id: string | null;
  dry_run: number;
  /** 1 for a test run from the designer: never queued and left out of live lists by default. */
  test: number;
  /** The execution that an admin's whole retry copied. */
  retry_of: string | null;
  /** A queued execution waits until this time (retry backoff). */
  not_before: number;
  lease_owner: string | null;
  lease_until: number | null;
  queued_at: number;
  started_at: number | null;
  finished_at: number | null;
}

/** A step as the journal stores it; JSON columns hold redacted values. */
export interface ExecutionStepTable {
  execution_id: string;
  node_id: string;
  node_type: string;
  status: string;
  input: string | null;
  output: string | null;
  port: string | null;
  outcome: string | null;
  /** StepFailure as JSON. */
  error: string | null;
  attempts: number;
  requests: string;
  logs: string;
  dry_run: number;
  started_at: number;
  finished_at: number | null;
  duration_ms: number | null;
  /** Increases with each step's first save, so steps list in the order they started. */
  position: number;
}

declare module '../db/schema.js' {
  interface Database {
    runtime_cursors: RuntimeCursorTable;
    executions: ExecutionTable;
    execution_steps: ExecutionStepTable;
  }
}
