import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { compileStatement, readWithConnection } from '../db/compiled-statement.js';
import type { Database } from '../db/schema.js';
import type { WriteQueue } from '../db/write-queue.js';
import { DispatchStatements } from './dispatch-statements.js';
import type { ExecutionStatus, ExecutionStepTable } from './tables.js';

/**
 * Builds the claim of `SqlExecutionStore` as SQLite SQL with named parameters. It leases the live
 * execution in `status` with the lowest `seq` that is due by the condition `due` and has no
 * earlier unfinished execution of its resource key. Keep it in step with `claimWhere`.
 */
function claimSql(status: 'queued' | 'running', due: string): string {
  return `
    UPDATE executions
       SET status = 'running', lease_owner = @workerId, lease_until = @leaseUntil,
           attempts = attempts + 1, started_at = COALESCE(started_at, @now)
     WHERE id = (
       SELECT e.id FROM executions e
        WHERE e.status = '${status}' AND e.test = 0 AND ${due}
          AND NOT EXISTS (
            SELECT 1 FROM executions p
             WHERE p.resource_key = e.resource_key AND p.seq < e.seq AND p.test = 0
               AND p.status IN ('queued', 'running'))
        ORDER BY e.seq
        LIMIT 1)
    RETURNING id, resource_key, attempts`;
}

/** The row a claim returns. */
export interface ClaimedRow {
  id: string;
  resource_key: string;
  attempts: number;
}

/** Parameters of the step upsert: a whole `execution_steps` row. */
type StepRow = ExecutionStepTable & Record<string, unknown>;

/** A step save waiting in the write queue. A save that `holdFinalStep` dropped has no row. */
interface PendingStep {
  buildRow: (() => ExecutionStepTable) | undefined;
  committed: Promise<void>;
}

/** An execution row with its accepted event, as the executor loads it. */
export interface ExecutionToRun {
  id: string;
  flow_id: string;
  flow_version: number | null;
  event_id: string;
  event_payload: string | null;
  payload: string | null;
}

/**
 * The runtime's hot statements, compiled and prepared once, with writes group-committed through
 * a `WriteQueue`. Writes of concurrent executions (journaled steps, finished executions) then
 * share one transaction instead of committing one by one. Each write resolves after its batch
 * committed, so a caller that awaits a step save before completing the execution still finds the
 * step stored whenever the execution is.
 */
export class RuntimeStatements {
  /** The dispatcher's statements, on the same connection and group commit. */
  readonly dispatch: DispatchStatements;
  private readonly selectExecution;
  private readonly selectSteps;
  private readonly upsertStep;
  private readonly finishExecution;
  private readonly claimQueued: BetterSqlite3.Statement;
  private readonly claimExpired: BetterSqlite3.Statement;
  /** Step saves queued and not yet run, by execution and node id. */
  private readonly pendingSteps = new Map<string, PendingStep>();
  /** Final step rows that the completion of their execution writes, by execution id. */
  private readonly heldSteps = new Map<string, () => ExecutionStepTable>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly writes: WriteQueue,
  ) {
    const { sqlite } = writes;
    this.dispatch = new DispatchStatements(db, writes);

    this.selectExecution = compileStatement<{ id: string }>(sqlite, (param) =>
      db
        .selectFrom('executions as e')
        .leftJoin('events as ev', 'ev.id', 'e.event_id')
        .select([
          'e.id',
          'e.flow_id',
          'e.flow_version',
          'e.event_id',
          'e.event_payload',
          'ev.payload',
        ])
        .where('e.id', '=', param('id')),
    );

    this.selectSteps = compileStatement<{ executionId: string }>(sqlite, (param) =>
      db
        .selectFrom('execution_steps')
        .selectAll()
        .where('execution_id', '=', param('executionId'))
        .orderBy('position'),
    );

    this.upsertStep = compileStatement<StepRow>(sqlite, (param) =>
      db
        .insertInto('execution_steps')
        .values({
          execution_id: param('execution_id'),
          node_id: param('node_id'),
          node_type: param('node_type'),
          status: param('status'),
          input: param('input'),
          output: param('output'),
          port: param('port'),
          outcome: param('outcome'),
          error: param('error'),
          attempts: param('attempts'),
          requests: param('requests'),
          logs: param('logs'),
          dry_run: param('dry_run'),
          started_at: param('started_at'),
          finished_at: param('finished_at'),
          duration_ms: param('duration_ms'),
          position: param('position'),
        })
        // An update keeps the first position, so steps list in the order they started.
        .onConflict((conflict) =>
          conflict.columns(['execution_id', 'node_id']).doUpdateSet((eb) => ({
            node_type: eb.ref('excluded.node_type'),
            status: eb.ref('excluded.status'),
            input: eb.ref('excluded.input'),
            output: eb.ref('excluded.output'),
            port: eb.ref('excluded.port'),
            outcome: eb.ref('excluded.outcome'),
            error: eb.ref('excluded.error'),
            attempts: eb.ref('excluded.attempts'),
            requests: eb.ref('excluded.requests'),
            logs: eb.ref('excluded.logs'),
            dry_run: eb.ref('excluded.dry_run'),
            started_at: eb.ref('excluded.started_at'),
            finished_at: eb.ref('excluded.finished_at'),
            duration_ms: eb.ref('excluded.duration_ms'),
          })),
        ),
    );

    this.claimQueued = sqlite.prepare(claimSql('queued', 'e.not_before <= @now'));
    this.claimExpired = sqlite.prepare(claimSql('running', 'e.lease_until < @now'));

    this.finishExecution = compileStatement<{
      id: string;
      workerId: string;
      status: ExecutionStatus;
      error: string | null;
      finishedAt: number;
    }>(sqlite, (param) =>
      db
        .updateTable('executions')
        .set({
          status: param('status'),
          error: param('error'),
          lease_owner: null,
          lease_until: null,
          finished_at: param('finishedAt'),
        })
        .where('id', '=', param('id'))
        .where('status', '=', 'running')
        .where('lease_owner', '=', param('workerId')),
    );
  }

  /**
   * Claims the first due execution in `status` for `workerId`: queued ones past their backoff, or
   * running ones whose lease expired because their process died. Resolves once committed.
   */
  claim(
    status: 'queued' | 'running',
    claim: { workerId: string; now: number; leaseUntil: number },
  ): Promise<ClaimedRow | undefined> {
    const statement = status === 'queued' ? this.claimQueued : this.claimExpired;
    return this.writes.run(() => statement.get(claim) as ClaimedRow | undefined);
  }

  /** Loads the journaled step rows of an execution in the order the steps started. */
  loadSteps(executionId: string): Promise<ExecutionStepTable[]> {
    return readWithConnection(this.db, () =>
      this.selectSteps.all<ExecutionStepTable>({ executionId }),
    );
  }

  /** Loads an execution, its accepted event and its journaled steps while holding the connection once. */
  loadExecutionWithSteps(
    id: string,
  ): Promise<{ execution: ExecutionToRun; steps: ExecutionStepTable[] } | undefined> {
    return readWithConnection(this.db, () => {
      const execution = this.selectExecution.get<ExecutionToRun>({ id });
      if (!execution) return undefined;
      return { execution, steps: this.selectSteps.all<ExecutionStepTable>({ executionId: id }) };
    });
  }

  /**
   * Inserts or replaces a step row and resolves once the row is committed. `buildRow` runs when
   * the write runs. A save of the same step that is still queued takes the newer `buildRow` and
   * shares its commit, because only the newer row would remain. An HTTP attempt's save and the
   * step's final save usually meet that way.
   */
  saveStep(executionId: string, nodeId: string, buildRow: () => ExecutionStepTable): Promise<void> {
    const key = stepKey(executionId, nodeId);
    const pending = this.pendingSteps.get(key);
    if (pending) {
      pending.buildRow = buildRow;
      return pending.committed;
    }

    const entry: PendingStep = { buildRow, committed: Promise.resolve() };
    this.pendingSteps.set(key, entry);
    entry.committed = this.writes.run(() => {
      this.pendingSteps.delete(key);
      const row = entry.buildRow?.();
      if (row) this.upsertStep.run(row as StepRow);
    });
    return entry.committed;
  }

  /**
   * Holds back the final row of an execution's last step until the execution completes: `finish`
   * and `finishAndClaim` write it in their own write, before the execution's new status, so the
   * two commit together or not at all. A queued save of the same step is dropped, because the
   * held row replaces it.
   *
   * NOTE: when the completion fails, the held row is not written, and the step runs again after
   * the lease expires, as after a crash between the step and its journal write.
   */
  holdFinalStep(executionId: string, nodeId: string, buildRow: () => ExecutionStepTable): void {
    const pending = this.pendingSteps.get(stepKey(executionId, nodeId));
    if (pending) pending.buildRow = undefined;
    this.heldSteps.set(executionId, buildRow);
  }

  /**
   * Marks a running execution finished as `finish` does (with its held step row), then claims
   * as `claim` does (first an execution with an expired lease when `expiredFirst`, else a queued
   * one), in one write. Resolves once committed, with the claimed row and whether an expired
   * lease was looked for in vain.
   */
  finishAndClaim(
    finished: { id: string; status: ExecutionStatus; error: string | null },
    claim: { workerId: string; now: number; leaseUntil: number },
    expiredFirst: boolean,
  ): Promise<{ claimed: ClaimedRow | undefined; noExpiredLease: boolean }> {
    return this.writes.run(() => {
      this.writeHeldStep(finished.id);
      this.finishExecution.run({ ...finished, workerId: claim.workerId, finishedAt: Date.now() });
      const expired = expiredFirst
        ? (this.claimExpired.get(claim) as ClaimedRow | undefined)
        : undefined;
      if (expired) return { claimed: expired, noExpiredLease: false };
      const queued = this.claimQueued.get(claim) as ClaimedRow | undefined;
      return { claimed: queued, noExpiredLease: expiredFirst };
    });
  }

  /**
   * Writes the execution's held step row, if any, and marks the execution finished if `workerId`
   * still holds its lease. Resolves once both are committed.
   */
  async finish(
    id: string,
    workerId: string,
    outcome: { status: ExecutionStatus; error: string | null },
  ): Promise<void> {
    await this.writes.run(() => {
      this.writeHeldStep(id);
      this.finishExecution.run({ id, workerId, ...outcome, finishedAt: Date.now() });
    });
  }

  private writeHeldStep(executionId: string): void {
    const buildRow = this.heldSteps.get(executionId);
    if (!buildRow) return;
    this.heldSteps.delete(executionId);
    this.upsertStep.run(buildRow() as StepRow);
  }
}

function stepKey(executionId: string, nodeId: string): string {
  return `${executionId}\u0000${nodeId}`;
}
