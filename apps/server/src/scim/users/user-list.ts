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
  render: (row: UserRow, groups?: readonly UserGroup[]) => Record<string, unknown>,
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
    return { page: await withGroups(db, rows, render, statements), total: Number(total.n) };
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
  if (namesGroups(filter)) {
    const rendered = await withGroups(db, rows, render, statements);
    const matches = rendered.filter((resource) => evaluateFilter(filter, resource, 'User'));
    return { page: matches.slice(offset, offset + query.count), total: matches.length };
  }

  const matching = rows.filter((row) => evaluateFilter(filter, render(row), 'User'));
  const pageRows = matching.slice(offset, offset + query.count);
  return { page: await withGroups(db, pageRows, render, statements), total: matching.length };
}

/** Renders rows with their groups, read while holding the connection. */
function withGroups(
  db: Kysely<Database>,
  rows: UserRow[],
  render: (row: UserRow, groups?: readonly UserGroup[]) => Record<string, unknown>,
  statements: UserStatements,
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return Promise.resolve([]);
  return readWithConnection(db, () =>
    rows.map((row) => render(row, statements.groupsOfUser.all<UserGroup>({ userId: row.id }))),
  );
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
