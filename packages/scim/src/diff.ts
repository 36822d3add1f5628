import { isObject, isUrn, jsonEqual } from './util/json.js';

/** One attribute-level change, with a SCIM attribute path such as `name.familyName`. */
export interface AttributeChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

/** Attributes that the service provider maintains and that are not provisioning changes. */
const SKIPPED = new Set(['schemas', 'id', 'meta']);

/**
 * Lists the attribute-level changes between two canonical resources, with SCIM paths:
 * `active`, `name.familyName`, `emails` (multi-valued attributes compare as a whole),
 * `urn:…:enterprise:2.0:User:department` and `urn:…:enterprise:2.0:User:manager.value`.
 * Pass null for `before` on a create or for `after` on a delete. `id`, `meta` and `schemas` are
 * skipped, and a `password` change is listed without its values, because it is a secret.
 */
export function diffResources(before: object | null, after: object | null): AttributeChange[] {
  const changes: AttributeChange[] = [];
  collect(isObject(before) ? before : {}, isObject(after) ? after : {}, '', changes);
  return changes;
}

function collect(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  prefix: string,
  changes: AttributeChange[],
): void {
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];

  for (const key of keys) {
    if (prefix === '' && SKIPPED.has(key)) continue;

    const left = before[key];
    const right = after[key];
    if (jsonEqual(left, right)) continue;

    const path = `${prefix}${key}`;
    if (prefix === '' && key === 'password') {
      changes.push({ path });
      continue;
    }

    if ((isObject(left) || left === undefined) && (isObject(right) || right === undefined)) {
      const separator = prefix === '' && isUrn(key) ? ':' : '.';
      collect(left ?? {}, right ?? {}, `${path}${separator}`, changes);
      continue;
    }

    const change: AttributeChange = { path };
    if (left !== undefined) change.before = left;
    if (right !== undefined) change.after = right;
    changes.push(change);
  }
}
