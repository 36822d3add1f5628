import { GROUP_SCHEMA } from '../catalogue/group.js';
import { USER_SCHEMA } from '../catalogue/user.js';
import type { ResourceTypeName } from '../urns.js';
import { isUnassigned, type JsonObject } from '../util/json.js';

/**
 * Returns the first required core attribute (`userName`, a Group's `displayName`) that
 * `resource` leaves unassigned or sets to only whitespace, or undefined when all are set. A
 * blank name is treated as missing because no client can find the resource by it afterwards.
 */
export function findMissingRequired(
  resource: JsonObject,
  resourceType: ResourceTypeName,
): string | undefined {
  const schema = resourceType === 'User' ? USER_SCHEMA : GROUP_SCHEMA;
  const missing = schema.attributes.find((definition) => {
    if (!definition.required) return false;

    const value = resource[definition.name];
    return isUnassigned(value) || (typeof value === 'string' && value.trim() === '');
  });
  return missing?.name;
}
