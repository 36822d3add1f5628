import { evaluateFilter, findEqualityLookup, type FilterExpression } from '@scimflow/scim';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ListQuery } from '../list-query.js';
import type { UserRow } from './user-rows.js';
import type { UserGroup } from './user-service.js';
import type { UserStatements } from './user-statements.js';
import { readWithConnection } from '../../db/compiled-statement.js';

/**
 * Returns one page of an endpoint's users in creation order, and the total that match. An
 * equality filter on userName, externalId or id reads the index through a prepared statement.
 * Other filters scan the endpoint's rows and evaluate the filter on each. Users carry their
 * groups; they are read for the page only, unless the filter names `groups`.
 */
export async function listUsers(
  db: Kysely<Database>,
  endpointId: string,
  query: ListQuery,
  users: UserRendering,
  statements: UserStatements,
): Promise<{ page: Record<string, unknown>[]; total: number }> {
  const offset = query.startIndex - 1;

  if (!query.filter) {
    const total = await db
      .selectFrom('scim_users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('endpoint_id', '=', endpointId)
      .executeTakeFirstOrThrow();
    const rows =
      query.count === 0
        ? []
        : await db
            .selectFrom('scim_users')
            .selectAll()
            .where('endpoint_id', '=', endpointId)
            .orderBy('seq')
            .limit(query.count)
            .offset(offset)
            .execute();
    const page = rows.map((row) => users.render(row));
    await addGroups(db, rows, page, users, statements);
    return { page, total: Number(total.n) };
  }

  const lookup = findEqualityLookup(query.filter);
  const params = { endpointId, value: String(lookup?.value) };
  let lookupRows: (() => UserRow[]) | undefined;
  if (lookup?.attribute === 'userName') {
    const lower = { endpointId, value: params.value.toLowerCase() };
    lookupRows = () => statements.usersByNameLower.all<UserRow>(lower);
  } else if (lookup?.attribute === 'externalId' && lookup.caseExact) {
    lookupRows = () => statements.usersByExternalId.all<UserRow>(params);
  } else if (lookup?.attribute === 'id') {
    lookupRows = () => statements.usersById.all<UserRow>(params);
  }
  const rows = lookupRows
    ? await readWithConnection(db, lookupRows)
    : await db
        .selectFrom('scim_users')
        .selectAll()
        .where('endpoint_id', '=', endpointId)
        .orderBy('seq')
        .execute();

  // The index narrows the candidates; the whole filter still decides (e.g. `userName eq .. and active eq true`).
  const filter = query.filter;
  const rendered = rows.map((row) => users.render(row));
  const filterNamesGroups = namesGroups(filter);
  if (filterNamesGroups) await addGroups(db, rows, rendered, users, statements);

  const matching: number[] = [];
  rendered.forEach((resource, index) => {
    if (evaluateFilter(filter, resource, 'User')) matching.push(index);
  });
  const pageIndexes = matching.slice(offset, offset + query.count);
  const page = pageIndexes.map((index) => rendered[index]!);
  if (!filterNamesGroups) {
    await addGroups(
      db,
      pageIndexes.map((index) => rows[index]!),
      page,
      users,
      statements,
    );
  }
  return { page, total: matching.length };
}

/** How the list renders a user and adds its groups (`UserService`). */
export interface UserRendering {
  render(row: UserRow): Record<string, unknown>;
  addGroups(resource: Record<string, unknown>, groups: readonly UserGroup[]): void;
}

/** Adds each user's groups to its rendered resource, read while holding the connection. */
async function addGroups(
  db: Kysely<Database>,
  rows: readonly UserRow[],
  resources: readonly Record<string, unknown>[],
  users: UserRendering,
  statements: UserStatements,
): Promise<void> {
  if (rows.length === 0) return;
  await readWithConnection(db, () => {
    rows.forEach((row, index) => {
      const groups = statements.groupsOfUser.all<UserGroup>({ userId: row.id });
      users.addGroups(resources[index]!, groups);
    });
  });
}

/** Returns true when a filter names the `groups` attribute anywhere. */
function namesGroups(filter: FilterExpression): boolean {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return namesGroups(filter.left) || namesGroups(filter.right);
    case 'not':
      return namesGroups(filter.expression);
    default:
      return filter.path.attribute.toLowerCase() === 'groups';
  }
}
