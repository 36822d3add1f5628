import crypto from 'node:crypto';
import { SCHEMAS } from '@scimflow/scim';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { userColumns } from './user-rows.js';

const ROWS_PER_INSERT = 500;

/**
 * Inserts already-valid users straight into the store, in one transaction and batches of 500
 * rows. Writes no provisioning events and runs no SCIM parsing, so it is only for seeding
 * benchmarks and tests. Returns the new ids in input order.
 */
export async function importUsers(
  db: Kysely<Database>,
  endpointId: string,
  users: Array<Record<string, unknown> & { userName: string }>,
): Promise<string[]> {
  const now = new Date().toISOString();
  const rows = users.map((user) => {
    const resource = { schemas: [SCHEMAS.coreUser], active: true, ...user };
    return {
      id: crypto.randomUUID(),
      endpoint_id: endpointId,
      ...userColumns(resource),
      version: 1,
      created: now,
      last_modified: now,
    };
  });

  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
      await trx
        .insertInto('scim_users')
        .values(rows.slice(start, start + ROWS_PER_INSERT))
        .execute();
    }
  });
  return rows.map((row) => row.id);
}
