import type {
  AttributeDefinition,
  SchemaDefinition,
  SubAttributeDefinition,
} from '../schemas/discovery.js';
import { SCHEMAS, SCIM11_ENTERPRISE, type ResourceTypeName } from '../urns.js';
import { COMMON_ATTRIBUTES } from './common.js';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from './user.js';
import { GROUP_SCHEMA } from './group.js';
import { isUrn } from '../util/json.js';

/** An attribute name resolved against a resource type's schemas. */
export interface ResolvedAttribute {
  /** The canonical extension URN that the attribute is stored under; absent for core attributes. */
  extension?: string;
  /** The canonical attribute name, or the name as sent for an attribute of an unknown extension. */
  name: string;
  /** The definition, absent for attributes of extensions that this package does not model. */
  definition?: AttributeDefinition;
}

const CORE_SCHEMA: Record<ResourceTypeName, SchemaDefinition> = {
  User: USER_SCHEMA,
  Group: GROUP_SCHEMA,
};
const EXTENSIONS: Record<ResourceTypeName, SchemaDefinition[]> = {
  User: [ENTERPRISE_USER_SCHEMA],
  Group: [],
};

/** Returns the core schema URN of a resource type. */
export function coreSchemaUrn(resourceType: ResourceTypeName): string {
  return CORE_SCHEMA[resourceType].id;
}

/** Finds a definition by name, ignoring case as RFC 7643 §2.1 requires for attribute names. */
export function findDefinition<T extends SubAttributeDefinition>(
  definitions: readonly T[],
  name: string,
): T | undefined {
  const lowerName = name.toLowerCase();
  return definitions.find((definition) => definition.name.toLowerCase() === lowerName);
}

export { isUrn };

/**
 * Returns the canonical spelling of an extension URN of `resourceType` (the SCIM 1.1 enterprise URN
 * maps to the 2.0 one), or undefined when the URN is not a known extension.
 */
export function knownExtensionUrn(urn: string, resourceType: ResourceTypeName): string | undefined {
  const lowerUrn = urn.toLowerCase();
  if (resourceType === 'User' && lowerUrn === SCIM11_ENTERPRISE) return SCHEMAS.enterpriseUser;

  return EXTENSIONS[resourceType].find((schema) => schema.id.toLowerCase() === lowerUrn)?.id;
}

/**
 * Returns true when `urn` names the core schema of `resourceType`, or the SCIM 1.1 core schema,
 * which SCIM 1.1 clients send for both Users and Groups.
 */
export function isCoreUrn(urn: string, resourceType: ResourceTypeName): boolean {
  const lowerUrn = urn.toLowerCase();
  if (lowerUrn === SCHEMAS.scim11Core) return true;

  return lowerUrn === coreSchemaUrn(resourceType).toLowerCase();
}

/** Returns the attribute definitions of an extension URN, or undefined for an unmodelled one. */
export function extensionAttributes(urn: string): AttributeDefinition[] | undefined {
  return urn === SCHEMAS.enterpriseUser ? ENTERPRISE_USER_SCHEMA.attributes : undefined;
}

/**
 * Splits a URN-qualified path such as `urn:…:enterprise:2.0:User:manager.value` into the schema
 * URN and the rest (`manager.value`). Attribute names cannot contain `:`, so the URN ends at the
 * last colon. A path that is itself a known extension URN returns that URN with an empty rest.
 */
export function splitSchemaPrefix(
  path: string,
  resourceType: ResourceTypeName,
): { schema?: string; rest: string } {
  if (!isUrn(path)) return { rest: path };

  if (knownExtensionUrn(path, resourceType) !== undefined) return { schema: path, rest: '' };

  const colon = path.lastIndexOf(':');
  return { schema: path.slice(0, colon), rest: path.slice(colon + 1) };
}

/**
 * Resolves an attribute name, optionally qualified by a schema URN, against the schemas of
 * `resourceType`. Returns undefined for an unknown core attribute. An attribute under an unknown
 * extension URN resolves without a definition, because such extensions are stored as sent.
 */
export function resolveAttribute(
  resourceType: ResourceTypeName,
  schema: string | undefined,
  name: string,
): ResolvedAttribute | undefined {
  if (schema === undefined || isCoreUrn(schema, resourceType)) {
    const definition =
      findDefinition(CORE_SCHEMA[resourceType].attributes, name) ??
      findDefinition(COMMON_ATTRIBUTES, name);
    return definition === undefined ? undefined : { name: definition.name, definition };
  }

  const extension = knownExtensionUrn(schema, resourceType);
  if (extension === undefined) return { extension: schema, name };

  const definition = findDefinition(extensionAttributes(extension) ?? [], name);
  return definition === undefined ? undefined : { extension, name: definition.name, definition };
}
