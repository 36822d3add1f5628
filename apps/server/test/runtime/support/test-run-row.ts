import type { Kysely } from 'kysely';
import type { Database } from '../../../src/db/schema.js';

/**
 * Stores a dry test run in status `running`, as a designer test run is while it runs, or as a
 * stopped process leaves one. `resourceKey` is `<endpoint>:User:<id>`.
 */
export async function insertRunningTestRun(
  db: Kysely<Database>,
  id: string,
  resourceKey: string,
): Promise<void> {
  const resourceId = resourceKey.split(':')[2] ?? '';
  await db
    .insertInto('executions')
    .values({
      id,
      flow_id: 'flow',
      flow_version: null,
      flow_name: 'Draft',
      event_id: 'event',
      sequence: null,
      event_type: 'user.created',
      event_payload: '{}',
      resource_key: resourceKey,
      resource_type: 'User',
      resource_id: resourceId,
      resource_display: null,
      status: 'running',
      attempts: 1,
      dry_run: 1,
      test: 1,
      not_before: 0,
      queued_at: Date.now(),
      started_at: Date.now(),
    })
    .execute();
}
