import { evaluateFilter, findEqualityLookup } from '@scimflow/scim';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ListQuery } from '../list-query.js';
import { loadMembers, type GroupRow, type StoredMember } from './group-rows.js';

/**
 * Returns one page of an endpoint's groups in creation order, and the total that match. An
 * equality filter on displayName, externalId or id reads the index; other filters scan.
 */
export async function listGroups(
  db: Kysely<Database>,
  endpointId: string,
  query: ListQuery,
  render: (row: GroupRow, members: StoredMember[]) => Record<string, unknown>,
): Promise<{ page: Record<string, unknown>[]; total: number }> {
  const offset = query.startIndex - 1;
  let select = db.selectFrom('scim_groups').selectAll().where('endpoint_id', '=', endpointId);

  const filter = query.filter;
  if (!filter) {
    const total = await db
      .selectFrom('scim_groups')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('endpoint_id', '=', endpointId)
      .executeTakeFirstOrThrow();
    const rows =
      query.count === 0
        ? []
        : await select.orderBy('seq').limit(query.count).offset(offset).execute();
    const members = await loadMembers(
      db,
      rows.map((row) => row.id),
    );
    return {
      page: rows.map((row) => render(row, members.get(row.id) ?? [])),
      total: Number(total.n),
    };
  }

  const lookup = findEqualityLookup(filter);
  if (lookup?.attribute === 'displayName')
    select = select.where('display_name_lower', '=', String(lookup.value).toLowerCase());
  else if (lookup?.attribute === 'externalId' && lookup.caseExact)
    select = select.where('external_id', '=', String(lookup.value));
  else if (lookup?.attribute === 'id') select = select.where('id', '=', String(lookup.value));

  const rows = await select.orderBy('seq').execute();
  // Members are loaded for every candidate only when the filter reads them.
  const filterReadsMembers = JSON.stringify(filter).toLowerCase().includes('"members"');
  const candidateMembers = filterReadsMembers
    ? await loadMembers(
        db,
        rows.map((row) => row.id),
      )
    : new Map<string, StoredMember[]>();
  const matching = rows.filter((row) =>
    evaluateFilter(filter, render(row, candidateMembers.get(row.id) ?? []), 'Group'),
  );

  const pageRows = matching.slice(offset, offset + query.count);
  const members = await loadMembers(
    db,
    pageRows.map((row) => row.id),
  );
  return {
    page: pageRows.map((row) => render(row, members.get(row.id) ?? [])),
    total: matching.length,
  };
}
