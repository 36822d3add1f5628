import { sql, type Kysely } from 'kysely';
import type { ClaimedExecution, ExecutionOutcome, ExecutionStore } from '@scimflow/runtime';
import type { Database } from '../db/schema.js';
import type { RuntimeStatements } from './runtime-statements.js';
import './tables.js';

/**
 * The execution queue in SQL. A claim is an UPDATE over a subquery, so it is atomic on SQLite
 * and on PostgreSQL. It takes a live execution that is due (running with an expired lease
 * because its process died, else queued and past its backoff), lowest `seq` first, that has no
 * earlier unfinished execution of the same resource key. Test runs are never claimed.
 */
export class SqlExecutionStore implements ExecutionStore {
  /** Epoch milliseconds before which no claim looks for expired leases again. */
  private nextLeaseCheck = 0;

  /**
   * @param leaseCheckMs How often claims look for executions whose lease expired. Leases only
   *   expire when a process dies, so a check per claim would cost a query for nothing.
   * @param statements Group-commits claims and completions with other writes when given.
   */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly leaseCheckMs = 1_000,
    private readonly statements?: RuntimeStatements,
  ) {}

  async claimNext(claim: {
    workerId: string;
    now: number;
    leaseUntil: number;
  }): Promise<ClaimedExecution | undefined> {
    // Two statements instead of one with OR, so that each walks the (status, seq) index in seq
    // order and stops at the first claimable row, however long the queue is.
    if (claim.now >= this.nextLeaseCheck) {
      const resumed = await this.claimWhere('running', claim);
      if (resumed) return resumed;
      this.nextLeaseCheck = claim.now + this.leaseCheckMs;
    }
    return this.claimWhere('queued', claim);
  }

  /**
   * Claims the first execution in `status` that is due: for `queued` past its backoff, for
   * `running` past its lease, because the process that held it died. With `statements` it runs
   * `claimSql` of runtime-statements.ts instead, which must stay the same query.
   */
  private async claimWhere(
    status: 'queued' | 'running',
    claim: { workerId: string; now: number; leaseUntil: number },
  ): Promise<ClaimedExecution | undefined> {
    if (this.statements) {
      const claimed = await this.statements.claim(status, claim);
      if (!claimed) return undefined;
      return { id: claimed.id, resourceKey: claimed.resource_key, attempt: claimed.attempts };
    }

    const due =
      status === 'queued' ? sql`e.not_before <= ${claim.now}` : sql`e.lease_until < ${claim.now}`;
    const result = await sql<{ id: string; resource_key: string; attempts: number }>`
      UPDATE executions
         SET status = 'running', lease_owner = ${claim.workerId}, lease_until = ${claim.leaseUntil},
             attempts = attempts + 1, started_at = COALESCE(started_at, ${claim.now})
       WHERE id = (
         SELECT e.id FROM executions e
          WHERE e.status = ${status} AND e.test = 0 AND ${due}
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

  /**
   * Completes an execution and claims the next one. With `statements` both run in one
   * group-committed write, which saves a write per execution. Without them they run one after
   * the other.
   */
  async completeAndClaimNext(
    id: string,
    workerId: string,
    outcome: ExecutionOutcome,
    claim: { workerId: string; now: number; leaseUntil: number },
  ): Promise<ClaimedExecution | undefined> {
    if (!this.statements) {
      await this.complete(id, workerId, outcome);
      return this.claimNext(claim);
    }

    const expiredFirst = claim.now >= this.nextLeaseCheck;
    const { claimed, noExpiredLease } = await this.statements.finishAndClaim(
      { id, status: outcome.status, error: errorOf(outcome) },
      claim,
      expiredFirst,
    );
    if (noExpiredLease) this.nextLeaseCheck = claim.now + this.leaseCheckMs;
    if (!claimed) return undefined;
    return { id: claimed.id, resourceKey: claimed.resource_key, attempt: claimed.attempts };
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
    if (this.statements) {
      await this.statements.finish(id, workerId, {
        status: outcome.status,
        error: errorOf(outcome),
      });
      return;
    }

    await this.db
      .updateTable('executions')
      .set({
        status: outcome.status,
        error: errorOf(outcome),
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

/** Returns the error an outcome stores: its message for a failure, null for a success. */
function errorOf(outcome: ExecutionOutcome): string | null {
  return outcome.status === 'failed' ? (outcome.error ?? 'failed') : null;
}
