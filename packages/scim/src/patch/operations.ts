import { scimErrors } from '../errors.js';
import { findDefinition } from '../catalogue/resolve.js';
import type { FilterExpression } from '../filter/ast.js';
import { evaluateEntryFilter } from '../filter/evaluate.js';
import { normalizeValue } from '../normalize/value.js';
import type { AttributeDefinition } from '../schemas/discovery.js';
import { cloneJson, isObject, isUnassigned, jsonEqual, type JsonObject } from '../util/json.js';
import type { PatchTarget } from './target.js';

/**
 * Applies one `add` or `replace` to `resource` in place (the caller works on a copy).
 * Multi-valued attributes: `add` appends entries not yet present (a union, so re-adding a member
 * is a no-op) and `replace` swaps the whole list. Complex attributes merge sub-attributes. A value
 * filter that matches nothing creates an entry from the filter's `eq` parts, as Entra ID, Okta and
 * WSO2 expect. An unassigned value (null, `""`, `[]`) with `replace` removes the attribute.
 */
export function addOrReplace(
  resource: JsonObject,
  target: PatchTarget,
  value: unknown,
  op: 'add' | 'replace',
): void {
  const container = containerOf(resource, target, true) as JsonObject;
  const definition = target.definition;

  if (definition === undefined) {
    setUnmodelled(container, target, value);
    return;
  }

  if (
    target.valueFilter !== undefined ||
    (target.subAttribute !== undefined && definition.multiValued)
  ) {
    updateEntries(container, target, definition, value);
    return;
  }

  if (target.subAttribute !== undefined && target.subDefinition !== undefined) {
    const normalized = normalizeValue(target.subDefinition, value, target.path);
    const parent = isObject(container[definition.name])
      ? (container[definition.name] as JsonObject)
      : {};
    setOrDelete(parent, target.subDefinition.name, normalized);
    container[definition.name] = parent;
    return;
  }

  const normalized = normalizeValue(definition, value, target.path);
  if (normalized === undefined) {
    if (op === 'replace') removeAttribute(container, definition);
    return;
  }

  if (definition.multiValued) {
    const existing =
      op === 'add' && Array.isArray(container[definition.name])
        ? (container[definition.name] as unknown[])
        : [];
    container[definition.name] = union(existing, normalized as unknown[], definition);
    return;
  }

  if (definition.type === 'complex' && isObject(container[definition.name])) {
    container[definition.name] = {
      ...(container[definition.name] as JsonObject),
      ...(normalized as JsonObject),
    };
    return;
  }
  container[definition.name] = normalized;
}

/**
 * Applies one `remove` to `resource` in place. A `value` array on a multi-valued attribute removes
 * only the listed entries, matched by `value`, because Entra ID removes group members that way.
 * Without a value the whole attribute goes. A value filter removes the matching entries, and a
 * filter that matches nothing is a no-op, so repeated removes succeed.
 */
export function remove(resource: JsonObject, target: PatchTarget, value: unknown): void {
  const container = containerOf(resource, target, false);
  if (container === undefined) return;

  if (target.name === '') {
    delete resource[target.extension ?? ''];
    return;
  }

  const definition = target.definition;
  const current = container[target.name];

  if (definition?.multiValued && Array.isArray(current)) {
    removeEntries(container, target, definition, current, value);
    return;
  }

  if (target.subAttribute !== undefined) {
    if (isObject(current)) delete current[target.subAttribute];
    return;
  }

  if (definition !== undefined) removeAttribute(container, definition);
  else delete container[target.name];
}

function removeEntries(
  container: JsonObject,
  target: PatchTarget,
  definition: AttributeDefinition,
  current: unknown[],
  value: unknown,
): void {
  const filter = target.valueFilter;
  const selected = (entry: unknown) => filter === undefined || matches(filter, entry, definition);

  if (target.subAttribute !== undefined) {
    for (const entry of current) {
      if (selected(entry) && isObject(entry)) delete entry[target.subAttribute];
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
  const listedValues = new Set(listed.map((entry) => (isObject(entry) ? entry.value : entry)));
  container[definition.name] = current.filter(
    (entry) => !(isObject(entry) && listedValues.has(entry.value)),
  );
}

function updateEntries(
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

/** Appends the entries of `added` that `existing` lacks. Members are the same when `value` is. */
function union(existing: unknown[], added: unknown[], definition: AttributeDefinition): unknown[] {
  const result = [...existing];
  for (const entry of added) {
    const duplicate = result.some((current) => sameEntry(current, entry, definition));
    if (duplicate) continue;

    if (isObject(entry) && entry.primary === true) clearOtherPrimaries(result, []);
    result.push(entry);
  }
  return result;
}

function sameEntry(left: unknown, right: unknown, definition: AttributeDefinition): boolean {
  if (!isObject(left) || !isObject(right) || left.value === undefined)
    return jsonEqual(left, right);

  if (definition.name === 'members') return left.value === right.value;
  return left.value === right.value && left.type === right.type;
}

/** Keeps RFC 7643 §2.4's rule that at most one entry is primary. */
function clearOtherPrimaries(entries: unknown[], keep: unknown[]): void {
  for (const entry of entries) {
    if (isObject(entry) && entry.primary === true && !keep.includes(entry)) delete entry.primary;
  }
}

function removeAttribute(container: JsonObject, definition: AttributeDefinition): void {
  if (definition.required) {
    throw scimErrors.invalidValue(
      `Cannot remove required attribute '${definition.name}': send a new value with replace.`,
    );
  }
  delete container[definition.name];
}

function setUnmodelled(container: JsonObject, target: PatchTarget, value: unknown): void {
  if (target.name === '') {
    if (!isObject(value)) {
      throw scimErrors.invalidValue(
        `Invalid value for PATCH path '${target.path}': expected an object of extension attributes.`,
      );
    }
    Object.assign(container, cloneJson(value));
    return;
  }

  if (target.subAttribute === undefined) {
    setOrDelete(container, target.name, cloneJson(value));
    return;
  }

  const parent = isObject(container[target.name]) ? (container[target.name] as JsonObject) : {};
  setOrDelete(parent, target.subAttribute, cloneJson(value));
  container[target.name] = parent;
}

function setOrDelete(object: JsonObject, key: string, value: unknown): void {
  if (isUnassigned(value)) delete object[key];
  else object[key] = value;
}

/** Returns the object that contains the target attribute: the resource or its extension object. */
function containerOf(
  resource: JsonObject,
  target: PatchTarget,
  create: boolean,
): JsonObject | undefined {
  if (target.extension === undefined) return resource;

  const existing = resource[target.extension];
  if (isObject(existing)) return existing;
  if (!create) return undefined;

  const created: JsonObject = {};
  resource[target.extension] = created;
  return created;
}
