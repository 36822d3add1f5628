import { scimErrors } from '../errors.js';

/** A JSON object as stored and exchanged by this package. */
export type JsonObject = Record<string, unknown>;

/**
 * Keys that could reach `Object.prototype` through assignment. No PATCH path or body key may use
 * them, and clones drop them.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/** Returns true for a non-null, non-array object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The maximum nesting of objects and arrays in a value. SCIM resources nest three levels at most
 * (extension, attribute, sub-attribute), so the limit only stops bodies built to exhaust the stack.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * Deep-copies a JSON value. Keys that could reach a prototype are dropped.
 *
 * @throws ScimError 400 `invalidValue` when the value nests deeper than {@link MAX_JSON_DEPTH}.
 */
export function cloneJson<T>(value: T, depth = 0): T {
  if (!Array.isArray(value) && !isObject(value)) return value;

  if (depth >= MAX_JSON_DEPTH) {
    throw scimErrors.invalidValue(
      `Invalid value: objects and arrays nest deeper than ${MAX_JSON_DEPTH} levels.`,
    );
  }

  if (Array.isArray(value)) return value.map((item: unknown) => cloneJson(item, depth + 1)) as T;

  const copy: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    if (FORBIDDEN_KEYS.has(key) || item === undefined) continue;
    copy[key] = cloneJson(item, depth + 1);
  }
  return copy as T;
}

/** Finds an own key of `object` equal to `key` ignoring case, preferring an exact match. */
export function findKey(object: JsonObject, key: string): string | undefined {
  if (Object.hasOwn(object, key)) return key;

  const lowerName = key.toLowerCase();
  return Object.keys(object).find((candidate) => candidate.toLowerCase() === lowerName);
}

/** Reads an own property by name, ignoring case. */
export function getIgnoringCase(object: JsonObject, key: string): unknown {
  const found = findKey(object, key);
  return found === undefined ? undefined : object[found];
}

/** Compares two JSON values structurally. Key order does not matter. */
export function jsonEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;

  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
    return left.every((item, index) => jsonEqual(item, right[index]));
  }

  if (!isObject(left) || !isObject(right)) return false;

  const leftKeys = Object.keys(left).filter((key) => left[key] !== undefined);
  const rightKeys = Object.keys(right).filter((key) => right[key] !== undefined);
  if (leftKeys.length !== rightKeys.length) return false;
  return leftKeys.every((key) => jsonEqual(left[key], right[key]));
}

/** Returns true for a value that SCIM treats as unassigned: undefined, null, `""`, `[]` or `{}`. */
export function isUnassigned(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) return Object.values(value).every((item) => item === undefined);
  return false;
}

/** Returns true when `text` starts with `urn:`, ignoring case. */
export function isUrn(text: string): boolean {
  return text.slice(0, 4).toLowerCase() === 'urn:';
}
