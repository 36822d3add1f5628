import {
  SCHEMAS,
  checkFilterAttributes,
  parseFilter,
  projectResource,
  scimErrors,
  type FilterExpression,
} from '@scimflow/scim';

export const DEFAULT_COUNT = 100;
export const MAX_COUNT = 1000;

/** The query parameters of a SCIM list request (RFC 7644 section 3.4.2). */
export interface ListQuery {
  filter?: FilterExpression;
  /** 1-based index of the first result. */
  startIndex: number;
  count: number;
  attributes?: string;
  excludedAttributes?: string;
}

/**
 * Reads `filter`, `startIndex`, `count`, `attributes` and `excludedAttributes`. Throws 400 on a
 * bad value, and 400 `invalidFilter` when the filter names an attribute that `resourceType` lacks.
 */
export function parseListQuery(
  query: Record<string, unknown>,
  resourceType: 'User' | 'Group',
): ListQuery {
  const startIndex = integerParam(query, 'startIndex', 1);
  const count = integerParam(query, 'count', DEFAULT_COUNT);

  const filterText = stringParam(query, 'filter');
  const filter =
    filterText !== undefined && filterText.trim() !== '' ? parseFilter(filterText) : undefined;
  if (filter !== undefined) checkFilterAttributes(filter, resourceType);

  return {
    // RFC 7644: a startIndex below 1 is treated as 1, and a negative count as 0.
    startIndex: Math.max(1, startIndex),
    count: Math.min(MAX_COUNT, Math.max(0, count)),
    ...(filter !== undefined ? { filter } : {}),
    ...projectionParams(query),
  };
}

/** Reads `attributes` and `excludedAttributes`. */
export function projectionParams(query: Record<string, unknown>): {
  attributes?: string;
  excludedAttributes?: string;
} {
  const attributes = stringParam(query, 'attributes');
  const excludedAttributes = stringParam(query, 'excludedAttributes');
  return {
    ...(attributes ? { attributes } : {}),
    ...(excludedAttributes ? { excludedAttributes } : {}),
  };
}

/** Builds a ListResponse from one page of resources, each projected by the query. */
export function listResponse(
  page: Record<string, unknown>[],
  totalResults: number,
  query: ListQuery,
  resourceType: 'User' | 'Group',
): Record<string, unknown> {
  return {
    schemas: [SCHEMAS.listResponse],
    totalResults,
    startIndex: query.startIndex,
    itemsPerPage: page.length,
    Resources: page.map((resource) => projectResource(resource, query, resourceType)),
  };
}

function stringParam(query: Record<string, unknown>, name: string): string | undefined {
  // Parameter names are case-insensitive for clients that spell them `startindex`.
  const key = Object.keys(query).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : query[key];
  if (Array.isArray(value)) return value.length > 0 ? String(value[value.length - 1]) : undefined;
  return value === undefined ? undefined : String(value);
}

function integerParam(query: Record<string, unknown>, name: string, fallback: number): number {
  const text = stringParam(query, name);
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value)) {
    throw scimErrors.invalidValue(`${name} must be an integer, got "${text}"`);
  }
  // Larger values are past every page anyway, and SQLite cannot bind them as an OFFSET.
  return Math.max(-Number.MAX_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, value));
}
