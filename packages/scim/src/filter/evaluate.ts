import { scimErrors } from '../errors.js';
import { findDefinition, resolveAttribute } from '../catalogue/resolve.js';
import type { AttributeDefinition, SubAttributeDefinition } from '../schemas/discovery.js';
import type { ResourceTypeName } from '../urns.js';
import { getIgnoringCase, isObject, isUnassigned, type JsonObject } from '../util/json.js';
import {
  formatPath,
  type AttributePath,
  type CompareOperator,
  type FilterExpression,
  type FilterValue,
} from './ast.js';

type Definition = AttributeDefinition | SubAttributeDefinition;

/** The object that attribute names resolve in: the resource, or one entry of a multi-valued attribute. */
type Scope =
  | { kind: 'resource'; resource: JsonObject; resourceType: ResourceTypeName }
  | { kind: 'entry'; entry: JsonObject; parent: AttributeDefinition | undefined };

interface Values {
  values: unknown[];
  definition: Definition | undefined;
}

/**
 * Evaluates a parsed filter against one canonical SCIM resource. Attribute names match in any
 * case. Strings compare case-insensitively unless the attribute is `caseExact` (`id`,
 * `externalId`), `dateTime` attributes compare as instants, and a comparison on a multi-valued
 * attribute matches when any value matches. Attributes that the resource lacks match only `ne`.
 *
 * @throws ScimError 400 `invalidFilter` for an ordering or substring operator on a boolean.
 */
export function evaluateFilter(
  filter: FilterExpression,
  resource: object,
  resourceType: ResourceTypeName,
): boolean {
  if (!isObject(resource)) return false;
  return evaluate(filter, { kind: 'resource', resource, resourceType });
}

function evaluate(filter: FilterExpression, scope: Scope): boolean {
  switch (filter.kind) {
    case 'and':
      return evaluate(filter.left, scope) && evaluate(filter.right, scope);
    case 'or':
      return evaluate(filter.left, scope) || evaluate(filter.right, scope);
    case 'not':
      return !evaluate(filter.expression, scope);
    case 'present':
      return valuesOf(filter.path, scope).values.some((value) => !isUnassigned(value));
    case 'valuePath':
      return entriesOf(filter.path, scope, filter.filter).entries.length > 0;
    case 'compare':
      return evaluateComparison(filter.path, filter.operator, filter.value, filter.raw, scope);
  }
}

function evaluateComparison(
  path: AttributePath,
  operator: CompareOperator,
  literal: FilterValue,
  raw: string | undefined,
  scope: Scope,
): boolean {
  const { values, definition } = valuesOf(path, scope);

  if (operator === 'ne') {
    return !values.some((value) => compare(value, 'eq', literal, raw, definition, path));
  }
  if (literal === null && operator === 'eq') return values.every((value) => isUnassigned(value));

  return values.some((value) => compare(value, operator, literal, raw, definition, path));
}

/**
 * Collects the values an attribute path selects. A multi-valued complex attribute compared as a
 * whole (`emails eq "x"`) compares each entry's `value` sub-attribute.
 */
function valuesOf(path: AttributePath, scope: Scope): Values {
  const { entries, definition } = entriesOf(path, scope, path.valueFilter);

  if (path.subAttribute !== undefined) {
    const subDefinition = findSub(definition, path.subAttribute);
    const values = entries.map((entry) =>
      isObject(entry) ? getIgnoringCase(entry, path.subAttribute ?? '') : undefined,
    );
    return { values, definition: subDefinition };
  }

  if (definition?.type === 'complex' && definition.multiValued) {
    const values = entries.map((entry) =>
      isObject(entry) ? getIgnoringCase(entry, 'value') : entry,
    );
    return { values, definition: findSub(definition, 'value') };
  }
  return { values: entries, definition };
}

function entriesOf(
  path: AttributePath,
  scope: Scope,
  valueFilter: FilterExpression | undefined,
): { entries: unknown[]; definition: AttributeDefinition | undefined } {
  const { value, definition } = lookUp(path, scope);
  let entries = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];

  if (valueFilter !== undefined) {
    entries = entries.filter(
      (entry) =>
        isObject(entry) && evaluate(valueFilter, { kind: 'entry', entry, parent: definition }),
    );
  }
  return { entries, definition };
}

function lookUp(
  path: AttributePath,
  scope: Scope,
): { value: unknown; definition: AttributeDefinition | undefined } {
  if (scope.kind === 'entry') {
    const definition = findSub(scope.parent, path.attribute) as AttributeDefinition | undefined;
    return { value: getIgnoringCase(scope.entry, path.attribute), definition };
  }

  const resolved = resolveAttribute(scope.resourceType, path.schema, path.attribute);
  if (resolved === undefined) return { value: undefined, definition: undefined };

  const container =
    resolved.extension === undefined
      ? scope.resource
      : getIgnoringCase(scope.resource, resolved.extension);
  if (!isObject(container)) return { value: undefined, definition: resolved.definition };

  return { value: getIgnoringCase(container, resolved.name), definition: resolved.definition };
}

function findSub(
  definition: Definition | undefined,
  name: string,
): SubAttributeDefinition | undefined {
  if (definition === undefined || !('subAttributes' in definition)) return undefined;
  return findDefinition(definition.subAttributes ?? [], name);
}

function compare(
  value: unknown,
  operator: CompareOperator,
  literal: FilterValue,
  raw: string | undefined,
  definition: Definition | undefined,
  path: AttributePath,
): boolean {
  if (isUnassigned(value) || literal === null) return false;

  const type = definition?.type ?? typeof value;

  if (type === 'boolean') {
    if (operator !== 'eq') {
      throw scimErrors.invalidFilter(
        `Invalid filter: operator '${operator}' cannot compare the boolean attribute '${formatPath(path)}'; use eq or ne.`,
      );
    }
    return String(value).toLowerCase() === String(literal).toLowerCase();
  }

  const ordering = operator !== 'co' && operator !== 'sw' && operator !== 'ew';

  if (type === 'dateTime' && ordering) {
    const left = Date.parse(String(value));
    const right = Date.parse(String(literal));
    if (!Number.isNaN(left) && !Number.isNaN(right)) return order(left, right, operator);
  }

  if (
    (type === 'integer' || type === 'decimal' || type === 'number') &&
    ordering &&
    typeof literal === 'number'
  ) {
    return order(Number(value), literal, operator);
  }

  // String attributes compare against the text as sent, so an unquoted `007` stays "007".
  const caseExact = definition?.caseExact ?? false;
  const left = caseExact ? String(value) : String(value).toLowerCase();
  const right = caseExact ? (raw ?? String(literal)) : (raw ?? String(literal)).toLowerCase();

  switch (operator) {
    case 'co':
      return left.includes(right);
    case 'sw':
      return left.startsWith(right);
    case 'ew':
      return left.endsWith(right);
    default:
      return order(left, right, operator);
  }
}

function order<T extends number | string>(left: T, right: T, operator: CompareOperator): boolean {
  switch (operator) {
    case 'eq':
      return left === right;
    case 'gt':
      return left > right;
    case 'ge':
      return left >= right;
    case 'lt':
      return left < right;
    case 'le':
      return left <= right;
    default:
      return false;
  }
}

/**
 * Evaluates a value filter (the part inside `emails[…]`) against one entry of the multi-valued
 * attribute that `parent` defines.
 */
export function evaluateEntryFilter(
  filter: FilterExpression,
  entry: object,
  parent: AttributeDefinition,
): boolean {
  if (!isObject(entry)) return false;
  return evaluate(filter, { kind: 'entry', entry, parent });
}
