import { SCHEMAS } from '../urns.js';
import type { FilterExpression } from './ast.js';

/** An equality lookup that a store can run against an index. */
export interface EqualityLookup {
  /** The canonical attribute: `userName`, `externalId`, `id`, `displayName` or `emails.value`. */
  attribute: 'userName' | 'externalId' | 'id' | 'displayName' | 'emails.value';
  value: string | number | boolean;
  /** False when the store must compare ignoring case (`userName`, `displayName`, `emails.value`). */
  caseExact: boolean;
}

const INDEXED: Record<string, EqualityLookup['attribute']> = {
  username: 'userName',
  externalid: 'externalId',
  id: 'id',
  displayname: 'displayName',
  emails: 'emails.value',
  'emails.value': 'emails.value',
};

const CORE_URNS = new Set([SCHEMAS.coreUser.toLowerCase(), SCHEMAS.group.toLowerCase()]);

/**
 * Finds an `attribute eq value` comparison on an indexed attribute, at the top of the filter or
 * inside `and`, so a store can fetch candidates by index instead of scanning. The candidates are
 * a superset of the matches: evaluate the whole filter on them with {@link evaluateFilter}.
 * Returns undefined when no such comparison exists, or inside `or` and `not`.
 */
export function findEqualityLookup(filter: FilterExpression): EqualityLookup | undefined {
  if (filter.kind === 'and')
    return findEqualityLookup(filter.left) ?? findEqualityLookup(filter.right);

  if (filter.kind !== 'compare' || filter.operator !== 'eq' || filter.value === null)
    return undefined;

  const { schema, attribute, subAttribute } = filter.path;
  if (schema !== undefined && !CORE_URNS.has(schema.toLowerCase())) return undefined;

  const name = subAttribute === undefined ? attribute : `${attribute}.${subAttribute}`;
  const canonical = INDEXED[name.toLowerCase()];
  if (canonical === undefined) return undefined;

  // Unquoted values keep their text for string attributes, as the evaluator compares them.
  const value = filter.raw ?? filter.value;
  return {
    attribute: canonical,
    value,
    caseExact: canonical === 'id' || canonical === 'externalId',
  };
}
