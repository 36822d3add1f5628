import type { Kysely } from 'kysely';
import { autoIncrementKey } from './columns.js';

/**
 * The durable runtime: the dispatch cursor over `events`, the execution queue and the step
 * journal. Times are epoch milliseconds, so lease and backoff checks compare integers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('runtime_cursors')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();

  await autoIncrementKey(db.schema.createTable('executions'), 'seq')
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('flow_id', 'text', (c) => c.notNull())
    .addColumn('flow_version', 'integer')
    .addColumn('flow_name', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer')
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('event_payload', 'text')
    .addColumn('resource_key', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('resource_display', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('failed_node_id', 'text')
    .addColumn('dry_run', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('test', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('retry_of', 'text')
    .addColumn('not_before', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'integer')
    .addColumn('queued_at', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'integer')
    .addColumn('finished_at', 'integer')
    .execute();
  await db.schema
    .createIndex('executions_status_seq')
    .on('executions')
    .columns(['status', 'seq'])
    .execute();
  await db.schema
    .createIndex('executions_resource_seq')
    .on('executions')
    .columns(['resource_key', 'seq'])
    .execute();
  await db.schema
    .createIndex('executions_flow_seq')
    .on('executions')
    .columns(['flow_id', 'seq'])
    .execute();
  await db.schema.createIndex('executions_event').on('executions').column('event_id').execute();

  await db.schema
    .createTable('execution_steps')
    .addColumn('execution_id', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('node_type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('input', 'text')
    .addColumn('output', 'text')
    .addColumn('port', 'text')
    .addColumn('outcome', 'text')
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('requests', 'text', (c) => c.notNull())
    .addColumn('logs', 'text', (c) => c.notNull())
    .addColumn('dry_run', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'integer', (c) => c.notNull())
    .addColumn('finished_at', 'integer')
    .addColumn('duration_ms', 'integer')
    .addPrimaryKeyConstraint('execution_steps_pk', ['execution_id', 'node_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('execution_steps').execute();
  await db.schema.dropTable('executions').execute();
  await db.schema.dropTable('runtime_cursors').execute();
}
