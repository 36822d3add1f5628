import type { Kysely, Transaction } from 'kysely';
import type { Database, ScimUserTable } from '../../db/schema.js';

export type UserRow = Omit<ScimUserTable, 'seq'> & { seq: number };
type Db = Kysely<Database> | Transaction<Database>;

/** Column values derived from a user resource, kept in sync with the stored JSON. */
export function userColumns(resource: Record<string, unknown>) {
  const userName = String(resource.userName);
  return {
    user_name: userName,
    user_name_lower: userName.toLowerCase(),
    external_id: typeof resource.externalId === 'string' ? resource.externalId : null,
    active: resource.active === false ? 0 : 1,
    resource: JSON.stringify(resource),
  };
}

/** Returns a user of an endpoint by id. */
export function findUser(db: Db, endpointId: string, id: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('scim_users')
    .selectAll()
    .where('endpoint_id', '=', endpointId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Returns a user of an endpoint by userName, compared case-insensitively. */
export function findUserByName(
  db: Db,
  endpointId: string,
  userName: string,
): Promise<UserRow | undefined> {
  return db
    .selectFrom('scim_users')
    .selectAll()
    .where('endpoint_id', '=', endpointId)
    .where('user_name_lower', '=', userName.toLowerCase())
    .executeTakeFirst();
}

/** Returns the users of an endpoint whose ids are in `ids`. */
export function findUsersByIds(db: Db, endpointId: string, ids: string[]): Promise<UserRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('scim_users')
    .selectAll()
    .where('endpoint_id', '=', endpointId)
    .where('id', 'in', ids)
    .execute();
}
