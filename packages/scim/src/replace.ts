import { diffResources } from './diff.js';
import { scimErrors } from './errors.js';
import { normalizeResource, withSchemas } from './normalize/resource.js';
import type { PatchResult } from './patch/apply.js';
import type { ResourceTypeName } from './urns.js';
import { cloneJson, isObject, type JsonObject } from './util/json.js';

/**
 * Replaces a stored resource with a PUT body (RFC 7644 §3.5.1) and returns the new resource with
 * its attribute-level changes. The body is parsed like a create, so attributes it omits are
 * cleared, with three exceptions that real clients rely on:
 * - `id` and `meta` come from `existing`; the body's copies are ignored.
 * - An absent `active` keeps the stored value. Okta sends every update as PUT and a missing
 *   `active` would otherwise deactivate the user.
 * - An absent `password` keeps the stored one, because `password` is write-only and clients
 *   cannot read it back to resend it.
 *
 * @throws ScimError 400 `invalidValue` or `invalidSyntax`, as {@link parseUser} and {@link parseGroup}.
 */
export function replaceResource(
  existing: object,
  incoming: unknown,
  resourceType: ResourceTypeName,
): PatchResult {
  if (!isObject(existing)) {
    throw scimErrors.invalidValue(
      `Invalid ${resourceType}: expected the stored resource as a JSON object.`,
    );
  }

  const replacement: JsonObject = normalizeResource(incoming, resourceType);

  if (existing.id !== undefined) replacement.id = existing.id;
  if (existing.meta !== undefined) replacement.meta = cloneJson(existing.meta);

  if (resourceType === 'User') {
    if (replacement.active === undefined && existing.active !== undefined)
      replacement.active = existing.active;
    if (replacement.password === undefined && existing.password !== undefined)
      replacement.password = existing.password;
  }

  const resource = withSchemas(replacement, resourceType);
  return { resource, changes: diffResources(existing, resource) };
}
