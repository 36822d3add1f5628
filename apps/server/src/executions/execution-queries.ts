import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import '../flows/flow-tables.js';
import '../runtime/tables.js';
import type { ExecutionStatus } from '../runtime/tables.js';
import {
  toExecutionSummary,
  toStepView,
  type ExecutionSummary,
  type ExecutionView,
} from './execution-view.js';

/** Filters of the execution list; every one is optional. */
export interface ExecutionFilter {
  flowId?: string;
  status?: ExecutionStatus;
  /** Matches the resource id exactly, or the userName / displayName as a case-insensitive substring. */
  resource?: string;
  /** Executions queued at or after this time (epoch milliseconds). */
  since?: number;
  /** Executions queued before this time (epoch milliseconds). */
  until?: number;
  /** Lists test runs instead of live executions. */
  test?: boolean;
  /** Page cursor: only executions older than this `nextBefore`. */
  before?: number;
  limit: number;
}

/** A page of executions, newest first; `nextBefore` is set when more may follow. */
export interface ExecutionPage {
  items: ExecutionSummary[];
  nextBefore?: number;
}

function selectExecutions(db: Kysely<Database>) {
  return db
    .selectFrom('executions as e')
    .leftJoin('flows as f', 'f.id', 'e.flow_id')
    .selectAll('e')
    .select('f.name as current_flow_name');
}

/** Lists executions newest first with the filters of `GET /api/executions`. */
export async function listExecutions(
  db: Kysely<Database>,
  filter: ExecutionFilter,
): Promise<ExecutionPage> {
  let query = selectExecutions(db)
    .where('e.test', '=', filter.test ? 1 : 0)
    .orderBy('e.seq', 'desc')
    .limit(filter.limit + 1);

  if (filter.flowId !== undefined) query = query.where('e.flow_id', '=', filter.flowId);
  if (filter.status !== undefined) query = query.where('e.status', '=', filter.status);
  if (filter.since !== undefined) query = query.where('e.queued_at', '>=', filter.since);
  if (filter.until !== undefined) query = query.where('e.queued_at', '<', filter.until);
  if (filter.before !== undefined) query = query.where('e.seq', '<', filter.before);
  if (filter.resource !== undefined) {
    const resource = filter.resource;
    const pattern = `%${resource.toLowerCase().replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
    query = query.where(({ or, eb }) =>
      or([
        eb('e.resource_id', '=', resource),
        sql<boolean>`lower(e.resource_display) like ${pattern} escape '\\'`,
      ]),
    );
  }

  const rows = await query.execute();
  const page: ExecutionPage = { items: rows.slice(0, filter.limit).map(toExecutionSummary) };
  if (rows.length > filter.limit) page.nextBefore = rows[filter.limit - 1]!.seq;
  return page;
}

/** Loads one execution with its steps in the order they first started, or undefined. */
export async function getExecution(
  db: Kysely<Database>,
  id: string,
): Promise<ExecutionView | undefined> {
  const row = await selectExecutions(db).where('e.id', '=', id).executeTakeFirst();
  if (!row) return undefined;

  const steps = await db
    .selectFrom('execution_steps')
    .selectAll()
    .where('execution_id', '=', id)
    .orderBy('position')
    .execute();
  return {
    ...toExecutionSummary(row),
    dialect: await eventDialect(db, row.event_id, row.event_payload),
    steps: steps.map(toStepView),
  };
}

/**
 * Returns the client dialect of an execution's event: from the stored event, or from the event
 * that a test run carries itself.
 */
async function eventDialect(
  db: Kysely<Database>,
  eventId: string,
  payload: string | null,
): Promise<string | null> {
  const event = await db
    .selectFrom('events')
    .select('dialect')
    .where('id', '=', eventId)
    .executeTakeFirst();
  if (event) return event.dialect;
  if (payload === null) return null;

  const dialect = (JSON.parse(payload) as { dialect?: unknown }).dialect;
  return typeof dialect === 'string' ? dialect : null;
}
