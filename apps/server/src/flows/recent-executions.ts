import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** An execution as the flow list shows it. */
export interface RecentExecution {
  id: string;
  status: string;
  startedAt: string | null;
}

/** Executions listed per flow in `GET /api/flows`. */
const RECENT_PER_FLOW = 5;

const hasExecutionsTable = new WeakMap<Kysely<Database>, boolean>();

/**
 * Returns the newest executions of each flow, newest first, keyed by flow id. The runtime owns the
 * `executions` table (`id`, `flow_id`, `status`, `started_at` in epoch milliseconds, `queued_at`,
 * `seq` and the `test` flag), so this reads it with plain SQL and returns an empty map while the
 * table does not exist. Test runs from the designer are left out.
 */
export async function recentExecutions(
  db: Kysely<Database>,
): Promise<Map<string, RecentExecution[]>> {
  const byFlow = new Map<string, RecentExecution[]>();
  if (!(await executionsTableExists(db))) return byFlow;

  const result = await sql<{
    id: string;
    flow_id: string;
    status: string;
    started_at: number | string | null;
    queued_at: number | string | null;
  }>`
    select id, flow_id, status, started_at, queued_at from (
      select id, flow_id, status, started_at, queued_at,
        row_number() over (partition by flow_id order by seq desc) as position
      from executions
      where test = 0
    ) as ranked
    where position <= ${RECENT_PER_FLOW}
    order by flow_id, position
  `.execute(db);

  for (const row of result.rows) {
    const list = byFlow.get(row.flow_id) ?? [];
    list.push({
      id: row.id,
      status: row.status,
      startedAt: isoTime(row.started_at ?? row.queued_at),
    });
    byFlow.set(row.flow_id, list);
  }
  return byFlow;
}

/** Checks once per database handle; the table appears only through a migration at startup. */
async function executionsTableExists(db: Kysely<Database>): Promise<boolean> {
  const known = hasExecutionsTable.get(db);
  if (known !== undefined) return known;

  const tables = await db.introspection.getTables();
  const exists = tables.some((table) => table.name === 'executions');
  hasExecutionsTable.set(db, exists);
  return exists;
}

function isoTime(value: number | string | null): string | null {
  if (value === null) return null;
  if (typeof value === 'number') return new Date(value).toISOString();
  return value;
}
