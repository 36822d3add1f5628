import type { Kysely } from 'kysely';

/**
 * Adds `execution_steps.position`, which orders an execution's steps as they first started:
 * `started_at` has millisecond resolution, and quick steps often share one millisecond.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('execution_steps')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('execution_steps').dropColumn('position').execute();
}
