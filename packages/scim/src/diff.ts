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

/** Group members that a change added and removed, compared by `value`. */
export interface MemberChanges {
  added: Array<{ value: string; display?: string }>;
  removed: Array<{ value: string; display?: string }>;
}

/**
 * Compares the `members` of two canonical Groups by `value`, for `group.member_added` and
 * `group.member_removed` events. Pass null for `before` on a create or for `after` on a delete.
 */
export function diffMembers(before: object | null, after: object | null): MemberChanges {
  const beforeMembers = membersOf(before);
  const afterMembers = membersOf(after);

  const beforeValues = new Set(beforeMembers.map((member) => member.value));
  const afterValues = new Set(afterMembers.map((member) => member.value));
  return {
    added: afterMembers.filter((member) => !beforeValues.has(member.value)),
    removed: beforeMembers.filter((member) => !afterValues.has(member.value)),
  };
}

function membersOf(group: object | null): Array<{ value: string; display?: string }> {
  const members = isObject(group) ? group.members : undefined;
  if (!Array.isArray(members)) return [];

  const result: Array<{ value: string; display?: string }> = [];
  for (const member of members) {
    if (!isObject(member) || typeof member.value !== 'string') continue;

    const entry: { value: string; display?: string } = { value: member.value };
    if (typeof member.display === 'string') entry.display = member.display;
    result.push(entry);
  }
  return result;
}
