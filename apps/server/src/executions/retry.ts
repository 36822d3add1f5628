import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AdminError } from '../admin/admin-errors.js';
import '../runtime/tables.js';
import { orderedId } from '../db/ordered-id.js';

/** The execution that an admin retry queued, and whether it is a new one. */
export interface RetryResult {
  executionId: string;
  created: boolean;
}

/**
 * Queues a failed execution again. From the failed step: the same execution resumes, reusing
 * every step that the journal records as succeeded and running the failed step and those after it.
 * Whole: a new execution of the same event and pinned version runs every step again, with fresh
 * idempotency keys. The failed execution stays as it is, for the record. Connectors reach the desired
 * state rather than repeat a create, so steps that succeeded before have no second effect.
 */
export async function retryExecution(
  db: Kysely<Database>,
  id: string,
  fromFailedStep: boolean,
): Promise<RetryResult> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('executions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new AdminError(404, 'execution_not_found', `No execution with id "${id}"`);
    if (row.test === 1) {
      throw new AdminError(
        409,
        'execution_is_test_run',
        `Execution "${id}" is a test run of a draft; start a new test run from the designer instead`,
      );
    }
    if (row.status !== 'failed') {
      throw new AdminError(
        409,
        'execution_not_failed',
        `Execution "${id}" is ${row.status}; only failed executions can be retried`,
      );
    }

    const now = Date.now();
    if (fromFailedStep) {
      await trx
        .updateTable('executions')
        .set({
          status: 'queued',
          attempts: 0,
          error: null,
          failed_node_id: null,
          not_before: 0,
          lease_owner: null,
          lease_until: null,
          finished_at: null,
        })
        .where('id', '=', id)
        .execute();
      return { executionId: id, created: false };
    }

    const { seq: _seq, ...copy } = row;
    const executionId = orderedId();
    await trx
      .insertInto('executions')
      .values({
        ...copy,
        id: executionId,
        status: 'queued',
        attempts: 0,
        error: null,
        failed_node_id: null,
        retry_of: id,
        not_before: 0,
        lease_owner: null,
        lease_until: null,
        queued_at: now,
        started_at: null,
        finished_at: null,
      })
      .execute();
    return { executionId, created: true };
  });
}
