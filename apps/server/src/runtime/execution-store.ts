import { sql, type Kysely } from 'kysely';
import type { ClaimedExecution, ExecutionOutcome, ExecutionStore } from '@scimflow/runtime';
import type { Database } from '../db/schema.js';
import './tables.js';

/**
 * The execution queue in SQL. A claim is one UPDATE over a subquery, so it is atomic on SQLite
 * and on PostgreSQL. It takes the live execution with the lowest `seq` that is due (queued and
 * past its backoff, or running with an expired lease because its process died) and that has no
 * earlier unfinished execution of the same resource key. Test runs are never claimed.
 */
export class SqlExecutionStore implements ExecutionStore {
  constructor(private readonly db: Kysely<Database>) {}

  async claimNext(claim: {
    workerId: string;
    now: number;
    leaseUntil: number;
  }): Promise<ClaimedExecution | undefined> {
    const result = await sql<{ id: string; resource_key: string; attempts: number }>`
      UPDATE executions
         SET status = 'running', lease_owner = ${claim.workerId}, lease_until = ${claim.leaseUntil},
             attempts = attempts + 1, started_at = COALESCE(started_at, ${claim.now})
       WHERE id = (
         SELECT e.id FROM executions e
          WHERE e.test = 0
            AND ((e.status = 'queued' AND e.not_before <= ${claim.now})
                 OR (e.status = 'running' AND e.lease_until < ${claim.now}))
            AND NOT EXISTS (
              SELECT 1 FROM executions p
               WHERE p.resource_key = e.resource_key AND p.seq < e.seq AND p.test = 0
                 AND p.status IN ('queued', 'running'))
          ORDER BY e.seq
          LIMIT 1)
      RETURNING id, resource_key, attempts`.execute(this.db);

    const row = result.rows[0];
    if (!row) return undefined;
    return { id: row.id, resourceKey: row.resource_key, attempt: row.attempts };
  }

  async renewLease(id: string, workerId: string, leaseUntil: number): Promise<boolean> {
    const result = await this.db
      .updateTable('executions')
      .set({ lease_until: leaseUntil })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .where('lease_owner', '=', workerId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async complete(id: string, workerId: string, outcome: ExecutionOutcome): Promise<void> {
    await this.db
      .updateTable('executions')
      .set({
        status: outcome.status,
        error: outcome.status === 'failed' ? (outcome.error ?? 'failed') : null,
        lease_owner: null,
        lease_until: null,
        finished_at: Date.now(),
      })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .where('lease_owner', '=', workerId)
      .execute();
  }

  async requeue(
    id: string,
    workerId: string,
    retry: { notBefore: number; error?: string },
  ): Promise<void> {
    await this.db
      .updateTable('executions')
      .set({
        status: 'queued',
        not_before: retry.notBefore,
        error: retry.error ?? null,
        lease_owner: null,
        lease_until: null,
      })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .where('lease_owner', '=', workerId)
      .execute();
  }

  /** Counts live executions still queued or running. */
  async unfinishedCount(): Promise<number> {
    const row = await this.db
      .selectFrom('executions')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('test', '=', 0)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
}
