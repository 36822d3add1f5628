import type { AttributeChange } from '../diff.js';
import { diffResources } from '../diff.js';
import { scimErrors } from '../errors.js';
import { isCoreUrn, isUrn, knownExtensionUrn, splitSchemaPrefix } from '../catalogue/resolve.js';
import { findMissingRequired } from '../normalize/required.js';
import { withSchemas } from '../normalize/resource.js';
import { parsePatchOp } from '../parse.js';
import type { PatchOperation } from '../schemas/messages.js';
import type { ResourceTypeName } from '../urns.js';
import {
  cloneJson,
  FORBIDDEN_KEYS,
  isObject,
  isUnassigned,
  type JsonObject,
} from '../util/json.js';
import { addOrReplace, remove } from './operations.js';
import { resolvePatchPath } from './target.js';

/** A resource after a change, with the attribute-level changes it made. */
export interface PatchResult {
  resource: JsonObject;
  changes: AttributeChange[];
}

/** Keys of a path-less value that clients repeat from the resource and that PATCH ignores. */
const IGNORED_VALUE_KEYS: ReadonlySet<string> = new Set(['id', 'meta', 'schemas']);

/**
 * Applies a PatchOp (RFC 7644 §3.5.2) to a canonical User or Group and returns the new resource
 * with its attribute-level changes. The input is not modified, so when any operation fails,
 * nothing is applied. `patchOp` may be a raw request body: it is parsed with {@link parsePatchOp}.
 *
 * @throws ScimError 400: `invalidSyntax` for an unknown op, `noTarget` for a remove without a path,
 *   `invalidPath` for unknown attributes and prototype names, `mutability` for read-only
 *   attributes, `invalidValue` for values of the wrong type.
 */
export function applyPatch(
  resource: object,
  patchOp: unknown,
  resourceType: ResourceTypeName,
): PatchResult {
  if (!isObject(resource)) {
    throw scimErrors.invalidValue(
      `Invalid ${resourceType}: expected the stored resource as a JSON object.`,
    );
  }

  const operations = parsePatchOp(patchOp).Operations;
  const working = cloneJson(resource);

  for (const [index, operation] of operations.entries()) {
    applyOperation(working, operation, index, resourceType);
  }

  const patched = withSchemas(pruneUnassigned(working), resourceType);
  checkRequired(patched, resourceType);
  return { resource: patched, changes: diffResources(resource, patched) };
}

function applyOperation(
  resource: JsonObject,
  operation: PatchOperation,
  index: number,
  resourceType: ResourceTypeName,
): void {
  const { op, path, value } = operation;

  if (path === undefined) {
    if (op === 'remove') {
      throw scimErrors.noTarget(
        `Operations[${index}]: a remove operation needs a "path" naming what to remove.`,
      );
    }
    applyPathless(resource, op, value, index, resourceType);
    return;
  }

  // A path that is the core schema URN names the whole resource, like a path-less operation.
  if (isCoreUrn(path, resourceType) && op !== 'remove') {
    applyPathless(resource, op, value, index, resourceType);
    return;
  }

  applyAtPath(resource, op, path, value, resourceType);
}

function applyAtPath(
  resource: JsonObject,
  op: PatchOperation['op'],
  path: string,
  value: unknown,
  resourceType: ResourceTypeName,
): void {
  const target = resolvePatchPath(path, resourceType, resource);

  // A whole known extension (`urn:…:enterprise:2.0:User`) applies attribute by attribute, so each
  // value is normalized by its own definition.
  const extension = target.name === '' ? knownExtensionUrn(path, resourceType) : undefined;
  if (extension !== undefined && op !== 'remove') {
    if (!isObject(value)) {
      throw scimErrors.invalidValue(
        `Invalid value for PATCH path '${path}': expected an object of extension attributes.`,
      );
    }
    for (const [key, item] of Object.entries(value))
      applyAtPath(resource, op, `${extension}:${key}`, item, resourceType);
    return;
  }

  if (op === 'remove') remove(resource, target, value);
  else addOrReplace(resource, target, value, op);
}

/**
 * Applies a path-less add or replace. Each key of the value object is a path of its own: a plain
 * name (`active`), a dotted name (`name.givenName`), a URN-qualified name, or an extension URN
 * whose object contains that extension's attributes.
 */
function applyPathless(
  resource: JsonObject,
  op: 'add' | 'replace',
  value: unknown,
  index: number,
  resourceType: ResourceTypeName,
): void {
  if (!isObject(value)) {
    throw scimErrors.invalidValue(
      `Operations[${index}]: an ${op} without "path" needs an object "value" of attributes, got ${JSON.stringify(value ?? null)}.`,
    );
  }

  for (const [key, item] of Object.entries(value)) {
    if (FORBIDDEN_KEYS.has(key)) {
      throw scimErrors.invalidPath(`Operations[${index}]: '${key}' is not a SCIM attribute.`);
    }
    if (IGNORED_VALUE_KEYS.has(key.toLowerCase())) continue;

    // Some clients nest core attributes under the core schema URN.
    if (isCoreUrn(key, resourceType) && isObject(item)) {
      applyPathless(resource, op, item, index, resourceType);
      continue;
    }

    if (isUrn(key) && isObject(item) && !isModelledUrnKey(key, resourceType)) {
      mergeUnknownExtension(resource, key, item);
      continue;
    }
    applyAtPath(resource, op, key, item, resourceType);
  }
}

/**
 * Returns true when a URN key names a known extension (`urn:…:enterprise:2.0:User`), an attribute
 * of one (`urn:…:enterprise:2.0:User:manager`) or a core attribute (`urn:…:core:2.0:User:name`).
 */
function isModelledUrnKey(key: string, resourceType: ResourceTypeName): boolean {
  const { schema } = splitSchemaPrefix(key, resourceType);
  if (schema === undefined) return false;

  return knownExtensionUrn(schema, resourceType) !== undefined || isCoreUrn(schema, resourceType);
}

function mergeUnknownExtension(resource: JsonObject, key: string, value: JsonObject): void {
  for (const name of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(name))
      throw scimErrors.invalidPath(`'${name}' in '${key}' is not a SCIM attribute.`);
  }
  const existing = isObject(resource[key]) ? (resource[key] as JsonObject) : {};
  resource[key] = { ...existing, ...cloneJson(value) };
}

/** Drops attributes left empty by removals, such as `members: []` or an empty extension object. */
function pruneUnassigned(resource: JsonObject): JsonObject {
  for (const [key, value] of Object.entries(resource)) {
    if (isObject(value)) pruneUnassigned(value);
    if (
      Array.isArray(value) || isObject(value)
        ? isUnassigned(value)
        : value === undefined || value === null
    ) {
      delete resource[key];
    }
  }
  return resource;
}

function checkRequired(resource: JsonObject, resourceType: ResourceTypeName): void {
  const missing = findMissingRequired(resource, resourceType);
  if (missing !== undefined) {
    throw scimErrors.invalidValue(
      `The PATCH request leaves required attribute '${missing}' empty. Send a non-empty '${missing}'.`,
    );
  }
}
