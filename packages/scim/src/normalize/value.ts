import { scimErrors } from '../errors.js';
import { findDefinition } from '../catalogue/resolve.js';
import type { AttributeDefinition, SubAttributeDefinition } from '../schemas/discovery.js';
import {
  cloneJson,
  FORBIDDEN_KEYS,
  isObject,
  isUnassigned,
  type JsonObject,
} from '../util/json.js';

type Definition = AttributeDefinition | SubAttributeDefinition;

/**
 * Converts a value that a client sent for one attribute into its canonical form, following the
 * attribute's definition. `"True"` and `"False"` become booleans, and numbers become strings for
 * string attributes. A bare string becomes `{value}` for a complex attribute with a `value`
 * sub-attribute. A single value becomes a one-entry array for a multi-valued attribute.
 * Returns undefined for an unassigned value (null, `""`, `[]`). Throws `invalidValue` naming
 * `path` when the value cannot be converted.
 */
export function normalizeValue(definition: Definition, value: unknown, path: string): unknown {
  if (isUnassigned(value)) return undefined;

  if (definition.multiValued) return normalizeMultiValued(definition, value, path);

  return normalizeSingle(definition, value, path);
}

function normalizeMultiValued(
  definition: Definition,
  value: unknown,
  path: string,
): unknown[] | undefined {
  const items = Array.isArray(value) ? value : [value];
  const entries: unknown[] = [];
  let wrappedBareValue = false;

  for (const [index, item] of items.entries()) {
    if (definition.type === 'complex' && isBareValue(item)) wrappedBareValue = true;

    const entry = normalizeSingle(definition, item, `${path}[${index}]`);
    if (entry !== undefined) entries.push(entry);
  }
  if (entries.length === 0) return undefined;

  // RFC 7643 §2.4 allows at most one primary entry. When a body marks several, the first one
  // marked keeps the flag.
  const primaries = entries.filter((entry) => isObject(entry) && entry.primary === true);
  for (const entry of primaries.slice(1)) delete (entry as JsonObject).primary;

  // Clients that send bare strings (`"emails": ["a@example.org"]`) mean the first one as the
  // primary address, so mark it unless another entry is already primary.
  const first = entries[0];
  const hasPrimary =
    'subAttributes' in definition &&
    findDefinition(definition.subAttributes ?? [], 'primary') !== undefined;
  if (
    wrappedBareValue &&
    hasPrimary &&
    isObject(first) &&
    !entries.some((entry) => isObject(entry) && entry.primary === true)
  ) {
    first.primary = true;
  }
  return entries;
}

function normalizeSingle(definition: Definition, value: unknown, path: string): unknown {
  if (isUnassigned(value)) return undefined;

  switch (definition.type) {
    case 'complex':
      return normalizeComplex(definition, value, path);
    case 'boolean':
      return normalizeBoolean(value, path);
    case 'integer':
    case 'decimal':
      return normalizeNumber(value, path, definition.type === 'integer');
    case 'string':
    case 'reference':
    case 'dateTime':
    case 'binary':
      return normalizeString(value, path, definition.returned === 'never');
  }
}

function isBareValue(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function normalizeComplex(
  definition: Definition,
  value: unknown,
  path: string,
): JsonObject | undefined {
  const subAttributes = 'subAttributes' in definition ? (definition.subAttributes ?? []) : [];

  if (isBareValue(value)) {
    if (findDefinition(subAttributes, 'value') === undefined) {
      throw scimErrors.invalidValue(
        `Invalid value for '${path}': expected an object, got ${JSON.stringify(value)}.`,
      );
    }
    return { value: String(value) };
  }
  if (!isObject(value)) {
    throw scimErrors.invalidValue(
      `Invalid value for '${path}': expected an object, got ${JSON.stringify(value)}.`,
    );
  }

  const result: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    if (FORBIDDEN_KEYS.has(key)) continue;

    const subDefinition = findDefinition(subAttributes, key);
    // Sub-attributes that the schema does not define are kept as sent on multi-valued entries
    // (clients add their own, such as `location`), but dropped from single complex attributes.
    if (subDefinition === undefined) {
      if (definition.multiValued && !isUnassigned(item)) result[key] = cloneJson(item);
      continue;
    }

    const normalized = normalizeSingle(subDefinition, item, `${path}.${subDefinition.name}`);
    if (normalized !== undefined) result[subDefinition.name] = normalized;
  }
  return Object.keys(result).length === 0 ? undefined : result;
}

/** Converts `true`, `false` and the strings `"true"`/`"false"` in any case to a boolean. */
export function normalizeBoolean(value: unknown, path: string): boolean {
  if (typeof value === 'boolean') return value;

  if (typeof value === 'string') {
    const lowered = value.trim().toLowerCase();
    if (lowered === 'true') return true;
    if (lowered === 'false') return false;
  }
  throw scimErrors.invalidValue(
    `Invalid value for '${path}': expected true or false, got ${JSON.stringify(value)}.`,
  );
}

function normalizeNumber(value: unknown, path: string, integer: boolean): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  const valid =
    typeof number === 'number' && Number.isFinite(number) && (!integer || Number.isInteger(number));
  if (!valid) {
    const expected = integer ? 'an integer' : 'a number';
    throw scimErrors.invalidValue(
      `Invalid value for '${path}': expected ${expected}, got ${JSON.stringify(value)}.`,
    );
  }
  return number;
}

/**
 * Converts a number or boolean to a string. `secret` marks a write-only attribute such as
 * `password`: its value is left out of the error message, which is logged and stored.
 */
function normalizeString(value: unknown, path: string, secret: boolean): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);

  const received = secret
    ? `a value of type ${Array.isArray(value) ? 'array' : typeof value}`
    : JSON.stringify(value);
  throw scimErrors.invalidValue(`Invalid value for '${path}': expected a string, got ${received}.`);
}
