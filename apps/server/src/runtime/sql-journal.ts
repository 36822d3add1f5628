import type { Kysely, Selectable } from 'kysely';
import type { Journal, StepRecord } from '@scimflow/runtime';
import type { Database } from '../db/schema.js';
import type { RuntimeStatements } from './runtime-statements.js';
import type { ExecutionStepTable } from './tables.js';

/**
 * The step journal in `execution_steps`, one row per execution and node. The runtime passes it
 * redacted records, and `saveStep` replaces the row of the same step. A step journaled as
 * succeeded is therefore reused instead of run again when the execution resumes after a crash.
 * With `statements`, saves are group-committed with other writes and resolve after the commit,
 * and the row is built from `record` when the write runs, so it may show later changes of the
 * same record.
 */
export class SqlJournal implements Journal {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly statements?: RuntimeStatements,
  ) {}

  async loadSteps(executionId: string): Promise<StepRecord[]> {
    if (this.statements) return (await this.statements.loadSteps(executionId)).map(stepFromRow);

    const rows = await this.db
      .selectFrom('execution_steps')
      .selectAll()
      .where('execution_id', '=', executionId)
      .orderBy('position')
      .execute();
    return rows.map(stepFromRow);
  }

  async saveStep(record: StepRecord): Promise<void> {
    // A step that started but has sent no request yet has nothing to resume from: without a row
    // it runs again after a crash, exactly as with a `running` row. Skipping that write saves a
    // statement per step, so a step shows up once its first HTTP attempt or its end is saved.
    if (record.status === 'running' && record.requests.length === 0) return;

    if (this.statements) {
      await this.statements.saveStep(record.executionId, record.nodeId, () =>
        positionedRow(record),
      );
      return;
    }

    const row = positionedRow(record);
    await this.db
      .insertInto('execution_steps')
      .values(row)
      .onConflict((conflict) =>
        conflict.columns(['execution_id', 'node_id']).doUpdateSet({
          node_type: row.node_type,
          status: row.status,
          input: row.input,
          output: row.output,
          port: row.port,
          outcome: row.outcome,
          error: row.error,
          attempts: row.attempts,
          requests: row.requests,
          logs: row.logs,
          dry_run: row.dry_run,
          started_at: row.started_at,
          finished_at: row.finished_at,
          duration_ms: row.duration_ms,
        }),
      )
      .execute();
  }
}

let lastPosition = 0;

/**
 * Returns a number above every earlier one, in microseconds of the wall clock so that it also
 * increases across restarts. Only an insert stores it; an update keeps the first position.
 */
function nextPosition(): number {
  lastPosition = Math.max(lastPosition + 1, Date.now() * 1_000);
  return lastPosition;
}

/** Builds the stored row of a step record with the next position, for an insert. */
export function positionedRow(record: StepRecord): ExecutionStepTable {
  return { ...stepToRow(record), position: nextPosition() };
}

function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

function parse(text: string | null): unknown {
  return text === null ? undefined : JSON.parse(text);
}

/** Builds the stored row of a step record, without its position. */
export function stepToRow(record: StepRecord): Omit<ExecutionStepTable, 'position'> {
  return {
    execution_id: record.executionId,
    node_id: record.nodeId,
    node_type: record.nodeType,
    status: record.status,
    input: json(record.input),
    output: json(record.output),
    port: record.port ?? null,
    outcome: record.outcome ?? null,
    error: json(record.error),
    attempts: record.attempts,
    requests: JSON.stringify(record.requests),
    logs: JSON.stringify(record.logs),
    dry_run: record.dryRun ? 1 : 0,
    started_at: record.startedAt,
    finished_at: record.finishedAt ?? null,
    duration_ms: record.durationMs ?? null,
  };
}

/** Rebuilds a step record from its stored row. */
export function stepFromRow(row: Selectable<ExecutionStepTable>): StepRecord {
  const record: StepRecord = {
    executionId: row.execution_id,
    nodeId: row.node_id,
    nodeType: row.node_type,
    idempotencyKey: `${row.execution_id}:${row.node_id}`,
    status: row.status as StepRecord['status'],
    input: parse(row.input),
    attempts: row.attempts,
    requests: JSON.parse(row.requests) as StepRecord['requests'],
    logs: JSON.parse(row.logs) as StepRecord['logs'],
    dryRun: row.dry_run === 1,
    startedAt: row.started_at,
  };
  if (row.output !== null) record.output = parse(row.output);
  if (row.port !== null) record.port = row.port;
  if (row.outcome !== null) record.outcome = row.outcome as StepRecord['outcome'];
  if (row.error !== null) record.error = parse(row.error) as StepRecord['error'];
  if (row.finished_at !== null) record.finishedAt = row.finished_at;
  if (row.duration_ms !== null) record.durationMs = row.duration_ms;
  return record;
}
