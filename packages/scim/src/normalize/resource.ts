import { scimErrors } from '../errors.js';
import {
  coreSchemaUrn,
  extensionAttributes,
  findDefinition,
  isCoreUrn,
  isUrn,
  knownExtensionUrn,
  resolveAttribute,
  splitSchemaPrefix,
} from '../catalogue/resolve.js';
import { SCHEMAS, type ResourceTypeName } from '../urns.js';
import {
  cloneJson,
  findKey,
  FORBIDDEN_KEYS,
  isObject,
  isUnassigned,
  type JsonObject,
} from '../util/json.js';
import { findMissingRequired } from './required.js';
import { normalizeValue } from './value.js';

// SCIM 1.1 names Users and Groups with the one core URN, so it marks neither as the other type.
const OTHER_RESOURCE_URNS: Record<ResourceTypeName, string[]> = {
  User: [SCHEMAS.group],
  Group: [SCHEMAS.coreUser],
};

/**
 * Converts a User or Group body as real clients send it into canonical SCIM 2.0 JSON. Attribute
 * names become canonical and values are normalized per attribute definition. The enterprise
 * extension moves under its 2.0 URN, and unknown extension URN keys are kept as sent. Read-only
 * attributes (`id`, `meta`, `groups`) and unknown core attributes are dropped, and `schemas` is
 * rebuilt from the keys present. SCIM 1.1 User
 * bodies (`urn:scim:schemas:core:1.0`) use the same attribute names, so they normalize the same way.
 */
export function normalizeResource(body: unknown, resourceType: ResourceTypeName): JsonObject {
  if (!isObject(body)) {
    throw scimErrors.invalidSyntax(
      `Invalid ${resourceType} body: expected a JSON object, got ${Array.isArray(body) ? 'an array' : JSON.stringify(body)}.`,
    );
  }

  checkSchemas(body, resourceType);

  const resource: JsonObject = {};
  for (const [key, value] of Object.entries(body)) {
    if (FORBIDDEN_KEYS.has(key) || key.toLowerCase() === 'schemas') continue;

    assignBodyKey(resource, resourceType, key, value);
  }

  const missing = findMissingRequired(resource, resourceType);
  if (missing !== undefined) {
    throw scimErrors.invalidValue(
      `Missing required attribute '${missing}' in the ${resourceType} body: add a non-empty '${missing}'.`,
    );
  }

  return withSchemas(resource, resourceType);
}

/** Rebuilds `schemas`: the core URN first, then every extension URN key present in `resource`. */
export function withSchemas(resource: JsonObject, resourceType: ResourceTypeName): JsonObject {
  const extensions = Object.keys(resource).filter((key) => isUrn(key));
  const { schemas: _old, ...attributes } = resource;
  return { schemas: [coreSchemaUrn(resourceType), ...extensions], ...attributes };
}

function checkSchemas(body: JsonObject, resourceType: ResourceTypeName): void {
  const key = findKey(body, 'schemas');
  if (key === undefined) return;

  const schemas = body[key];
  const list = typeof schemas === 'string' ? [schemas] : schemas;
  if (isUnassigned(list)) return;

  if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
    throw scimErrors.invalidSyntax(
      `Invalid 'schemas': expected an array of schema URNs, got ${JSON.stringify(schemas)}.`,
    );
  }

  const lowered = list.map((item) => item.toLowerCase());
  const claimsOwnType = lowered.some((urn) => isCoreUrn(urn, resourceType));
  const otherType = OTHER_RESOURCE_URNS[resourceType].find((urn) =>
    lowered.includes(urn.toLowerCase()),
  );
  if (otherType !== undefined && !claimsOwnType) {
    throw scimErrors.invalidValue(
      `Invalid 'schemas' for a ${resourceType}: ${JSON.stringify(otherType)} belongs to another resource type; send ${JSON.stringify(coreSchemaUrn(resourceType))}.`,
    );
  }
}

function assignBodyKey(
  resource: JsonObject,
  resourceType: ResourceTypeName,
  key: string,
  value: unknown,
): void {
  if (!isUrn(key)) {
    assignCorePath(resource, resourceType, key, value);
    return;
  }

  const extension = knownExtensionUrn(key, resourceType);
  if (extension !== undefined) {
    if (!isObject(value)) {
      throw scimErrors.invalidValue(
        `Invalid value for '${extension}': expected an object of extension attributes.`,
      );
    }
    for (const [name, item] of Object.entries(value))
      assignExtensionAttribute(resource, extension, name, item);
    return;
  }

  // Some clients nest core attributes under the core URN key.
  if (isCoreUrn(key, resourceType) && isObject(value)) {
    for (const [name, item] of Object.entries(value)) {
      if (!FORBIDDEN_KEYS.has(name)) assignCorePath(resource, resourceType, name, item);
    }
    return;
  }

  // A URN-qualified attribute key such as `urn:…:enterprise:2.0:User:department`.
  const { schema, rest } = splitSchemaPrefix(key, resourceType);
  if (schema !== undefined && !isObject(value)) {
    const qualifiedExtension = knownExtensionUrn(schema, resourceType);
    if (qualifiedExtension !== undefined)
      return assignExtensionAttribute(resource, qualifiedExtension, rest, value);
    if (isCoreUrn(schema, resourceType)) return assignCorePath(resource, resourceType, rest, value);
  }

  // Any other URN key is an extension this package does not model: keep it as sent.
  if (!isUnassigned(value)) resource[key] = cloneJson(value);
}

function assignCorePath(
  resource: JsonObject,
  resourceType: ResourceTypeName,
  path: string,
  value: unknown,
): void {
  const [name = '', subName] = path.split('.', 2);
  const resolved = resolveAttribute(resourceType, undefined, name);
  const definition = resolved?.definition;

  // Unknown attributes are ignored (RFC 7644 §3.3 lets the service provider drop them), and so are
  // read-only ones such as `id`, `meta` and `groups`, which the service provider maintains.
  if (definition === undefined || definition.mutability === 'readOnly') return;

  if (subName === undefined) {
    const normalized = normalizeValue(definition, value, definition.name);
    if (normalized !== undefined) resource[definition.name] = normalized;
    return;
  }

  const subDefinition = findDefinition(definition.subAttributes ?? [], subName);
  if (subDefinition === undefined || definition.multiValued) return;

  const normalized = normalizeValue(
    subDefinition,
    value,
    `${definition.name}.${subDefinition.name}`,
  );
  if (normalized === undefined) return;

  const parent = isObject(resource[definition.name])
    ? (resource[definition.name] as JsonObject)
    : {};
  parent[subDefinition.name] = normalized;
  resource[definition.name] = parent;
}

function assignExtensionAttribute(
  resource: JsonObject,
  extension: string,
  path: string,
  value: unknown,
): void {
  if (FORBIDDEN_KEYS.has(path)) return;

  const [name = '', subName] = path.split('.', 2);
  const definition = findDefinition(extensionAttributes(extension) ?? [], name);
  if (definition === undefined || definition.mutability === 'readOnly') return;

  const target =
    subName === undefined ? definition : findDefinition(definition.subAttributes ?? [], subName);
  if (target === undefined) return;

  const normalized = normalizeValue(target, value, `${extension}:${definition.name}`);
  if (normalized === undefined) return;

  const container = isObject(resource[extension]) ? (resource[extension] as JsonObject) : {};
  if (subName === undefined) {
    container[definition.name] = normalized;
  } else {
    const parent = isObject(container[definition.name])
      ? (container[definition.name] as JsonObject)
      : {};
    parent[target.name] = normalized;
    container[definition.name] = parent;
  }
  resource[extension] = container;
}
