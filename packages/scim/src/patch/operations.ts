import { scimErrors } from '../errors.js';
import { normalizeValue } from '../normalize/value.js';
import type { AttributeDefinition } from '../schemas/discovery.js';
import { cloneJson, isObject, type JsonObject } from '../util/json.js';
import { removeEntries, setOrDelete, union, updateEntries } from './entries.js';
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
    // A bare `"c@example.org"` is marked primary when it is normalized. Added to a list that
    // already has a primary entry, it must not take the flag, because the client never set it.
    const added = normalized as unknown[];
    if (!setsPrimary(value) && existing.some((entry) => isObject(entry) && entry.primary === true))
      for (const entry of added) if (isObject(entry)) delete entry.primary;

    container[definition.name] = union(existing, added, definition);
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

/** Returns true when a client's multi-valued value names `primary` in any of its entries. */
function setsPrimary(value: unknown): boolean {
  const items = Array.isArray(value) ? value : [value];
  return items.some(
    (item) => isObject(item) && Object.keys(item).some((key) => key.toLowerCase() === 'primary'),
  );
}
