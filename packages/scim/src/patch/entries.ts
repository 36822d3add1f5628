import { scimErrors } from '../errors.js';
import { findDefinition } from '../catalogue/resolve.js';
import type { FilterExpression } from '../filter/ast.js';
import { evaluateEntryFilter } from '../filter/evaluate.js';
import { normalizeValue } from '../normalize/value.js';
import type { AttributeDefinition } from '../schemas/discovery.js';
import { isObject, isUnassigned, jsonEqual, type JsonObject } from '../util/json.js';
import type { PatchTarget } from './target.js';

/**
 * Removes entries of a multi-valued attribute: those a value filter selects, those listed by
 * `value` in a value array, or all of them. With a sub-attribute path, removes only that
 * sub-attribute from the selected entries.
 */
export function removeEntries(
  container: JsonObject,
  target: PatchTarget,
  definition: AttributeDefinition,
  current: unknown[],
  value: unknown,
): void {
  const filter = target.valueFilter;
  const selected = (entry: unknown) => filter === undefined || matches(filter, entry, definition);

  if (target.subAttribute !== undefined) {
    const chosen = current.filter(
      (entry): entry is JsonObject => isObject(entry) && selected(entry),
    );
    for (const entry of chosen) delete entry[target.subAttribute];

    // An entry is its `value` (RFC 7643 §2.4), so removing `emails[type eq "work"].value` removes
    // the whole entry instead of leaving one without a value.
    if (findDefinition(definition.subAttributes ?? [], 'value') !== undefined) {
      container[definition.name] = current.filter(
        (entry) =>
          !(chosen.includes(entry as JsonObject) && isUnassigned((entry as JsonObject).value)),
      );
    }
    return;
  }

  if (filter !== undefined) {
    container[definition.name] = current.filter((entry) => !selected(entry));
    return;
  }

  if (isUnassigned(value)) {
    delete container[definition.name];
    return;
  }

  const listed = (normalizeValue(definition, value, target.path) as unknown[] | undefined) ?? [];
  const listedValues = listed.map((entry) => (isObject(entry) ? entry.value : entry));
  container[definition.name] = current.filter(
    (entry) =>
      !(
        isObject(entry) &&
        listedValues.some((listedValue) => sameValue(entry.value, listedValue, definition))
      ),
  );
}

/**
 * Writes a value into the entries that a value filter selects (every entry without a filter). When
 * none matches, appends a new entry built from the filter's `eq` parts and the value.
 */
export function updateEntries(
  container: JsonObject,
  target: PatchTarget,
  definition: AttributeDefinition,
  value: unknown,
): void {
  const entries = Array.isArray(container[definition.name])
    ? (container[definition.name] as unknown[])
    : [];
  const update = entryUpdate(target, definition, value);
  const filter = target.valueFilter;

  const matched = entries.filter(
    (entry): entry is JsonObject =>
      isObject(entry) && (filter === undefined || matches(filter, entry, definition)),
  );

  if (matched.length === 0) {
    const created = {
      ...(filter === undefined ? {} : equalityParts(filter, definition)),
      ...update,
    };
    container[definition.name] = union(entries, [created], definition);
    return;
  }

  for (const entry of matched) {
    for (const [key, item] of Object.entries(update)) setOrDelete(entry, key, item);
  }
  if (update.primary === true) clearOtherPrimaries(entries, matched);
}

/** Builds the sub-attributes that an update writes into each selected entry. */
function entryUpdate(
  target: PatchTarget,
  definition: AttributeDefinition,
  value: unknown,
): JsonObject {
  if (target.subDefinition !== undefined) {
    return {
      [target.subDefinition.name]: normalizeValue(target.subDefinition, value, target.path),
    };
  }

  const entry = normalizeValue({ ...definition, multiValued: false }, value, target.path);
  if (entry !== undefined && !isObject(entry)) {
    throw scimErrors.invalidValue(
      `Invalid value for PATCH path '${target.path}': expected an object.`,
    );
  }
  return entry ?? {};
}

/** Builds an entry's attributes from the `eq` comparisons of a value filter, joined by `and`. */
function equalityParts(filter: FilterExpression, definition: AttributeDefinition): JsonObject {
  if (filter.kind === 'and') {
    return {
      ...equalityParts(filter.left, definition),
      ...equalityParts(filter.right, definition),
    };
  }
  if (
    filter.kind !== 'compare' ||
    filter.operator !== 'eq' ||
    filter.path.subAttribute !== undefined
  )
    return {};

  const subDefinition = findDefinition(definition.subAttributes ?? [], filter.path.attribute);
  if (subDefinition === undefined) return {};

  const value = normalizeValue(
    subDefinition,
    filter.raw ?? filter.value,
    `${definition.name}.${subDefinition.name}`,
  );
  return value === undefined ? {} : { [subDefinition.name]: value };
}

function matches(
  filter: FilterExpression,
  entry: unknown,
  definition: AttributeDefinition,
): boolean {
  return isObject(entry) && evaluateEntryFilter(filter, entry, definition);
}

/**
 * Appends the entries of `added` that `existing` lacks. An added entry with the `value` of an
 * existing one updates that entry instead, so re-adding an email or a member never duplicates
 * it. RFC 7644 §3.5.2.1 states that adding a value already present SHOULD change nothing.
 */
export function union(
  existing: unknown[],
  added: unknown[],
  definition: AttributeDefinition,
): unknown[] {
  const result = [...existing];
  for (const entry of added) {
    const duplicate = result.find((current) => sameEntry(current, entry, definition));
    if (duplicate === undefined) {
      if (isObject(entry) && entry.primary === true) clearOtherPrimaries(result, []);
      result.push(entry);
      continue;
    }

    if (!isObject(duplicate) || !isObject(entry)) continue;
    Object.assign(duplicate, entry, { value: duplicate.value });
    if (entry.primary === true) clearOtherPrimaries(result, [duplicate]);
  }
  return result;
}

/**
 * Returns true when an added entry is an existing one: the same `value`, compared ignoring case
 * unless the attribute's `value` is caseExact (`A@example.org` is `a@example.org`), and the same
 * `type` unless the added entry has none. Members are the same when their `value` is.
 */
function sameEntry(existing: unknown, added: unknown, definition: AttributeDefinition): boolean {
  if (!isObject(existing) || !isObject(added) || existing.value === undefined)
    return jsonEqual(existing, added);

  if (!sameValue(existing.value, added.value, definition)) return false;
  if (definition.name === 'members' || added.type === undefined) return true;

  return String(existing.type ?? '').toLowerCase() === String(added.type).toLowerCase();
}

/** Compares two `value` sub-attributes of `definition`'s entries, honouring `caseExact`. */
export function sameValue(left: unknown, right: unknown, definition: AttributeDefinition): boolean {
  if (typeof left !== 'string' || typeof right !== 'string') return left === right;

  const caseExact = findDefinition(definition.subAttributes ?? [], 'value')?.caseExact ?? false;
  return caseExact ? left === right : left.toLowerCase() === right.toLowerCase();
}

/** Keeps RFC 7643 §2.4's rule that at most one entry is primary. */
function clearOtherPrimaries(entries: unknown[], keep: unknown[]): void {
  for (const entry of entries) {
    if (isObject(entry) && entry.primary === true && !keep.includes(entry)) delete entry.primary;
  }
}

/** Sets `key`, or deletes it when `value` is unassigned. */
export function setOrDelete(object: JsonObject, key: string, value: unknown): void {
  if (isUnassigned(value)) delete object[key];
  else object[key] = value;
}
