import type { Insertable, Kysely } from 'kysely';
import { compileStatement, readWithConnection } from '../db/compiled-statement.js';
import type { Database } from '../db/schema.js';
import type { WriteQueue } from '../db/write-queue.js';
import '../flows/flow-tables.js';
import type { ExecutionTable } from './tables.js';

/** Parameters of the execution insert: every column the dispatcher sets, null where unset. */
type ExecutionRow = Required<Omit<Insertable<ExecutionTable>, 'seq' | 'retry_of'>> &
  Record<string, unknown>;

/** An event row as the dispatcher reads it. */
export interface EventToDispatch {
  sequence: number;
  payload: string;
}

/**
 * The dispatcher's statements, compiled and prepared once. A dispatch pass writes its executions
 * and moves the cursor in one group-committed job, so the pass either commits whole or not at
 * all, as in the Kysely path's transaction.
 */
export class DispatchStatements {
  private readonly selectCursor;
  private readonly selectEvents;
  private readonly selectEnabledFlow;
  private readonly insertExecution;
  private readonly upsertCursor;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly writes: WriteQueue,
  ) {
    const { sqlite } = writes;

    this.selectCursor = compileStatement<{ name: string }>(sqlite, (param) =>
      db.selectFrom('runtime_cursors').select('sequence').where('name', '=', param('name')),
    );

    this.selectEvents = compileStatement<{ after: number; limit: number }>(sqlite, (param) =>
      db
        .selectFrom('events')
        .select(['sequence', 'payload'])
        .where('sequence', '>', param('after'))
        .orderBy('sequence')
        .limit(param('limit')),
    );

    this.selectEnabledFlow = compileStatement<Record<string, never>>(sqlite, () =>
      db
        .selectFrom('flows as f')
        .select('f.id')
        .where('f.enabled', '=', 1)
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('flow_versions as v').select('v.version').whereRef('v.flow_id', '=', 'f.id'),
          ),
        )
        .limit(1),
    );

    this.insertExecution = compileStatement<ExecutionRow>(sqlite, (param) =>
      db.insertInto('executions').values({
        id: param('id'),
        flow_id: param('flow_id'),
        flow_version: param('flow_version'),
        flow_name: param('flow_name'),
        event_id: param('event_id'),
        sequence: param('sequence'),
        event_type: param('event_type'),
        event_payload: param('event_payload'),
        resource_key: param('resource_key'),
        resource_type: param('resource_type'),
        resource_id: param('resource_id'),
        resource_display: param('resource_display'),
        status: param('status'),
        attempts: param('attempts'),
        error: param('error'),
        failed_node_id: param('failed_node_id'),
        dry_run: param('dry_run'),
        test: param('test'),
        not_before: param('not_before'),
        lease_owner: param('lease_owner'),
        lease_until: param('lease_until'),
        queued_at: param('queued_at'),
        started_at: param('started_at'),
        finished_at: param('finished_at'),
      }),
    );

    this.upsertCursor = compileStatement<{ name: string; sequence: number; updatedAt: number }>(
      sqlite,
      (param) =>
        db
          .insertInto('runtime_cursors')
          .values({
            name: param('name'),
            sequence: param('sequence'),
            updated_at: param('updatedAt'),
          })
          .onConflict((conflict) =>
            conflict.column('name').doUpdateSet((eb) => ({
              sequence: eb.ref('excluded.sequence'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          ),
    );
  }

  /** Returns the cursor's sequence, 0 before the first dispatch. */
  readCursor(name: string): Promise<number> {
    return readWithConnection(this.db, () => this.cursorOf(name));
  }

  /**
   * Reads up to `limit` events after `after`, then whether any enabled flow has a published
   * version. A version that an event may run is published before the event is accepted, so the
   * check, which runs after the events are read, finds it.
   */
  readEvents(
    after: number,
    limit: number,
  ): Promise<{ events: EventToDispatch[]; anyFlowEnabled: boolean }> {
    return readWithConnection(this.db, () => {
      const events = this.selectEvents.all<EventToDispatch>({ after, limit });
      if (events.length === 0) return { events, anyFlowEnabled: false };
      return { events, anyFlowEnabled: this.selectEnabledFlow.get({}) !== undefined };
    });
  }

  /**
   * Inserts the executions of a pass and moves the cursor to `sequence`, if the cursor is still
   * at `expected`. Resolves with false, having written nothing, when another dispatcher moved it.
   */
  commitPass(pass: {
    name: string;
    expected: number;
    sequence: number;
    updatedAt: number;
    rows: Insertable<ExecutionTable>[];
  }): Promise<boolean> {
    return this.writes.run(() => {
      if (this.cursorOf(pass.name) !== pass.expected) return false;
      for (const row of pass.rows) this.insertExecution.run(completeRow(row));
      this.upsertCursor.run({
        name: pass.name,
        sequence: pass.sequence,
        updatedAt: pass.updatedAt,
      });
      return true;
    });
  }

  private cursorOf(name: string): number {
    return this.selectCursor.get<{ sequence: number }>({ name })?.sequence ?? 0;
  }
}

/** Sets the optional columns that a row leaves out to null. */
function completeRow(row: Insertable<ExecutionTable>): ExecutionRow {
  return {
    flow_version: null,
    sequence: null,
    event_payload: null,
    resource_display: null,
    error: null,
    failed_node_id: null,
    lease_owner: null,
    lease_until: null,
    started_at: null,
    finished_at: null,
    ...row,
  };
}
