import type BetterSqlite3 from 'better-sqlite3';
import {
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  DummyDriver,
} from 'kysely';
import { compileStatement, type CompiledStatement } from '../../db/compiled-statement.js';
import type { Database } from '../../db/schema.js';
import type { EventRow } from '../../events/event-writer.js';
import type { UserRow } from './user-rows.js';

type UserValues = Omit<UserRow, 'seq'>;
type UserUpdate = Pick<
  UserRow,
  | 'id'
  | 'user_name'
  | 'user_name_lower'
  | 'external_id'
  | 'active'
  | 'resource'
  | 'version'
  | 'last_modified'
>;

/** The user and event statements of the SCIM write path, prepared once per database. */
export interface UserStatements {
  insertUser: CompiledStatement<UserValues>;
  findUser: CompiledStatement<{ endpointId: string; id: string }>;
  updateUser: CompiledStatement<UserUpdate>;
  deleteUser: CompiledStatement<{ id: string }>;
  memberships: CompiledStatement<{ userId: string }>;
  /** The groups a user is a direct member of, in group creation order (`User.groups`). */
  groupsOfUser: CompiledStatement<{ userId: string }>;
  insertEvent: CompiledStatement<EventRow>;
  /** Users of an endpoint by lower-cased userName, in creation order (the list filter). */
  usersByNameLower: CompiledStatement<{ endpointId: string; value: string }>;
  usersByExternalId: CompiledStatement<{ endpointId: string; value: string }>;
  usersById: CompiledStatement<{ endpointId: string; value: string }>;
}

// Builds SQL only; statements run on the better-sqlite3 handle they were prepared on.
const builder = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

const prepared = new WeakMap<BetterSqlite3.Database, UserStatements>();

/** Returns the user statements prepared on `sqlite`, preparing them on first use. */
export function userStatements(sqlite: BetterSqlite3.Database): UserStatements {
  const cached = prepared.get(sqlite);
  if (cached) return cached;

  const statements: UserStatements = {
    insertUser: compileStatement<UserValues>(sqlite, (param) =>
      builder
        .insertInto('scim_users')
        .values({
          id: param('id'),
          endpoint_id: param('endpoint_id'),
          user_name: param('user_name'),
          user_name_lower: param('user_name_lower'),
          external_id: param('external_id'),
          active: param('active'),
          resource: param('resource'),
          version: param('version'),
          created: param('created'),
          last_modified: param('last_modified'),
        })
        .returning('seq'),
    ),
    findUser: compileStatement<{ endpointId: string; id: string }>(sqlite, (param) =>
      builder
        .selectFrom('scim_users')
        .selectAll()
        .where('endpoint_id', '=', param('endpointId'))
        .where('id', '=', param('id')),
    ),
    updateUser: compileStatement<UserUpdate>(sqlite, (param) =>
      builder
        .updateTable('scim_users')
        .set({
          user_name: param('user_name'),
          user_name_lower: param('user_name_lower'),
          external_id: param('external_id'),
          active: param('active'),
          resource: param('resource'),
          version: param('version'),
          last_modified: param('last_modified'),
        })
        .where('id', '=', param('id')),
    ),
    deleteUser: compileStatement<{ id: string }>(sqlite, (param) =>
      builder.deleteFrom('scim_users').where('id', '=', param('id')),
    ),
    memberships: compileStatement<{ userId: string }>(sqlite, (param) =>
      builder
        .selectFrom('scim_group_members')
        .innerJoin('scim_groups', 'scim_groups.id', 'scim_group_members.group_id')
        .select(['scim_groups.id as groupId', 'scim_groups.resource', 'scim_group_members.display'])
        .where('scim_group_members.user_id', '=', param('userId')),
    ),
    groupsOfUser: compileStatement<{ userId: string }>(sqlite, (param) =>
      builder
        .selectFrom('scim_group_members')
        .innerJoin('scim_groups', 'scim_groups.id', 'scim_group_members.group_id')
        .select(['scim_groups.id as value', 'scim_groups.display_name as display'])
        .where('scim_group_members.user_id', '=', param('userId'))
        .orderBy('scim_groups.seq'),
    ),
    insertEvent: compileStatement<EventRow>(sqlite, (param) =>
      builder.insertInto('events').values({
        id: param('id'),
        endpoint: param('endpoint'),
        type: param('type'),
        resource_type: param('resource_type'),
        resource_id: param('resource_id'),
        payload: param('payload'),
        dialect: param('dialect'),
        accepted_at: param('accepted_at'),
      }),
    ),
    usersByNameLower: usersWhere(sqlite, 'user_name_lower'),
    usersByExternalId: usersWhere(sqlite, 'external_id'),
    usersById: usersWhere(sqlite, 'id'),
  };
  prepared.set(sqlite, statements);
  return statements;
}

function usersWhere(
  sqlite: BetterSqlite3.Database,
  column: 'user_name_lower' | 'external_id' | 'id',
): CompiledStatement<{ endpointId: string; value: string }> {
  return compileStatement<{ endpointId: string; value: string }>(sqlite, (param) =>
    builder
      .selectFrom('scim_users')
      .selectAll()
      .where('endpoint_id', '=', param('endpointId'))
      .where(column, '=', param('value'))
      .orderBy('seq'),
  );
}
