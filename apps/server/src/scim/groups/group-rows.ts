import type { Kysely, Transaction } from 'kysely';
import type { Database, ScimGroupTable } from '../../db/schema.js';

export type GroupRow = Omit<ScimGroupTable, 'seq'> & { seq: number };
type Db = Kysely<Database> | Transaction<Database>;

/** One stored membership, as it appears in a Group's `members`. */
export interface StoredMember {
  value: string;
  display?: string;
}

/** Column values derived from a group resource (without `members`). */
export function groupColumns(resource: Record<string, unknown>) {
  const displayName = String(resource.displayName);
  return {
    display_name: displayName,
    display_name_lower: displayName.toLowerCase(),
    external_id: typeof resource.externalId === 'string' ? resource.externalId : null,
    resource: JSON.stringify(resource),
  };
}

/** Returns a group of an endpoint by id. */
export function findGroup(db: Db, endpointId: string, id: string): Promise<GroupRow | undefined> {
  return db
    .selectFrom('scim_groups')
    .selectAll()
    .where('endpoint_id', '=', endpointId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Returns the members of each group in `groupIds`, in the order they were added. */
export async function loadMembers(
  db: Db,
  groupIds: string[],
): Promise<Map<string, StoredMember[]>> {
  const members = new Map<string, StoredMember[]>(groupIds.map((id) => [id, []]));
  if (groupIds.length === 0) return members;

  const rows = await db
    .selectFrom('scim_group_members')
    .select(['group_id', 'user_id', 'display'])
    .where('group_id', 'in', groupIds)
    .orderBy('seq')
    .execute();
  for (const row of rows) {
    members
      .get(row.group_id)
      ?.push({ value: row.user_id, ...(row.display ? { display: row.display } : {}) });
  }
  return members;
}
