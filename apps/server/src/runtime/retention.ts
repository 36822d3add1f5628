import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { DISPATCH_CURSOR } from './dispatcher.js';

/** How many rows one prune removed. */
export interface PruneResult {
  executions: number;
  testRuns: number;
  events: number;
}

/** Caps of stored rows; finished executions and dispatched events beyond them are pruned. */
export interface RetentionLimits {
  executionRetention: number;
  testRunRetention: number;
  eventRetention: number;
}

/**
 * Deletes the oldest finished executions beyond the caps, with their steps, then the oldest
 * dispatched events beyond the event cap that no stored execution refers to. Queued and running
 * executions are never pruned, and neither are events the dispatcher has not reached yet.
 */
export async function pruneRetention(
  db: Kysely<Database>,
  limits: RetentionLimits,
): Promise<PruneResult> {
  const executions = await pruneExecutions(db, 0, limits.executionRetention);
  const testRuns = await pruneExecutions(db, 1, limits.testRunRetention);
  const events = await pruneEvents(db, limits.eventRetention);
  return { executions, testRuns, events };
}

async function pruneExecutions(db: Kysely<Database>, test: 0 | 1, keep: number): Promise<number> {
  // The seq of the oldest finished execution to keep; everything finished before it goes.
  const boundary = await db
    .selectFrom('executions')
    .select('seq')
    .where('test', '=', test)
    .where('status', 'in', ['succeeded', 'failed'])
    .orderBy('seq', 'desc')
    .offset(keep - 1)
    .limit(1)
    .executeTakeFirst();
  if (!boundary) return 0;

  return db.transaction().execute(async (trx) => {
    const doomed = trx
      .selectFrom('executions')
      .select('id')
      .where('test', '=', test)
      .where('status', 'in', ['succeeded', 'failed'])
      .where('seq', '<', boundary.seq);
    await trx.deleteFrom('execution_steps').where('execution_id', 'in', doomed).execute();
    const deleted = await trx
      .deleteFrom('executions')
      .where('test', '=', test)
      .where('status', 'in', ['succeeded', 'failed'])
      .where('seq', '<', boundary.seq)
      .executeTakeFirst();
    return Number(deleted.numDeletedRows);
  });
}

async function pruneEvents(db: Kysely<Database>, keep: number): Promise<number> {
  const cursor = await db
    .selectFrom('runtime_cursors')
    .select('sequence')
    .where('name', '=', DISPATCH_CURSOR)
    .executeTakeFirst();
  if (!cursor) return 0;

  const boundary = await db
    .selectFrom('events')
    .select('sequence')
    .orderBy('sequence', 'desc')
    .offset(keep - 1)
    .limit(1)
    .executeTakeFirst();
  if (!boundary) return 0;

  const limit = Math.min(boundary.sequence - 1, cursor.sequence);
  const deleted = await db
    .deleteFrom('events')
    .where('sequence', '<=', limit)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('executions')
            .select('executions.id')
            .whereRef('executions.event_id', '=', 'events.id'),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}
