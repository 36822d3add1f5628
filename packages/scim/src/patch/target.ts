import { ScimError, scimErrors, ScimType } from '../errors.js';
import {
  findDefinition,
  isCoreUrn,
  isUrn,
  knownExtensionUrn,
  resolveAttribute,
} from '../catalogue/resolve.js';
import type { FilterExpression } from '../filter/ast.js';
import { parseAttributePath } from '../filter/parse.js';
import type { AttributeDefinition, SubAttributeDefinition } from '../schemas/discovery.js';
import type { ResourceTypeName } from '../urns.js';
import { findKey, FORBIDDEN_KEYS, type JsonObject } from '../util/json.js';

/** The location that a PATCH path selects in a resource. */
export interface PatchTarget {
  /** The path as sent, for messages. */
  path: string;
  /** The extension URN key that contains the attribute, absent for core attributes. */
  extension?: string;
  /** The canonical attribute name; empty when the path names a whole extension. */
  name: string;
  /** The attribute's definition; absent for attributes of extensions this package does not model. */
  definition?: AttributeDefinition;
  valueFilter?: FilterExpression;
  subAttribute?: string;
  subDefinition?: SubAttributeDefinition;
}

/**
 * Resolves a PATCH path (RFC 7644 §3.5.2) against the schemas of `resourceType`.
 *
 * @throws ScimError `invalidPath` for unparsable paths, unknown attributes and any path that names
 *   `__proto__`, `constructor` or `prototype`; `mutability` for read-only attributes such as `id`.
 */
export function resolvePatchPath(
  path: string,
  resourceType: ResourceTypeName,
  resource: JsonObject,
): PatchTarget {
  rejectForbiddenNames(path);

  if (isCoreUrn(path, resourceType)) {
    throw scimErrors.invalidPath(
      `PATCH path '${path}' names the whole ${resourceType}: name an attribute, such as '${path}:displayName'.`,
    );
  }

  const wholeExtension =
    knownExtensionUrn(path, resourceType) ?? (isUrn(path) ? findKey(resource, path) : undefined);
  if (wholeExtension !== undefined) return { path, extension: wholeExtension, name: '' };

  const parsed = parsePath(path);
  const resolved = resolveAttribute(resourceType, parsed.schema, parsed.attribute);
  if (resolved === undefined) {
    throw scimErrors.invalidPath(
      `Unknown attribute '${parsed.attribute}' in PATCH path '${path}': use an attribute of the ${resourceType} schema or a schema URN prefix for extensions.`,
    );
  }

  const target: PatchTarget = { path, name: resolved.name };
  if (resolved.extension !== undefined)
    target.extension = findKey(resource, resolved.extension) ?? resolved.extension;
  if (resolved.definition !== undefined) target.definition = resolved.definition;

  const definition = resolved.definition;
  if (definition?.mutability === 'readOnly') {
    throw scimErrors.mutability(
      `Attribute '${definition.name}' is read-only: remove path '${path}' from the PATCH request.`,
    );
  }

  if (parsed.valueFilter !== undefined) {
    if (definition !== undefined && !definition.multiValued) {
      throw scimErrors.invalidPath(
        `Invalid PATCH path '${path}': a value filter needs a multi-valued attribute.`,
      );
    }
    target.valueFilter = parsed.valueFilter;
  }

  if (parsed.subAttribute !== undefined) resolveSubAttribute(target, parsed.subAttribute);
  return target;
}

function resolveSubAttribute(target: PatchTarget, subAttribute: string): void {
  const definition = target.definition;
  if (definition === undefined) {
    target.subAttribute = subAttribute;
    return;
  }

  const subDefinition = findDefinition(definition.subAttributes ?? [], subAttribute);
  if (subDefinition === undefined) {
    throw scimErrors.invalidPath(
      `Unknown sub-attribute '${subAttribute}' of '${definition.name}' in PATCH path '${target.path}'.`,
    );
  }
  if (subDefinition.mutability === 'readOnly') {
    throw scimErrors.mutability(
      `Sub-attribute '${definition.name}.${subDefinition.name}' is read-only: remove path '${target.path}' from the PATCH request.`,
    );
  }

  target.subAttribute = subDefinition.name;
  target.subDefinition = subDefinition;
}

function parsePath(path: string) {
  try {
    return parseAttributePath(path);
  } catch (error) {
    if (error instanceof ScimError && error.scimType === ScimType.invalidFilter) {
      throw scimErrors.invalidPath(`Invalid PATCH path '${path}': ${error.detail}`);
    }
    throw error;
  }
}

/** Rejects any name in `path` that could reach `Object.prototype`, wherever it appears. */
export function rejectForbiddenNames(path: string): void {
  const names = path.split(/[^A-Za-z0-9_$]+/);
  const forbidden = names.find((name) => FORBIDDEN_KEYS.has(name));
  if (forbidden !== undefined) {
    throw scimErrors.invalidPath(
      `Invalid PATCH path '${path}': '${forbidden}' is not a SCIM attribute.`,
    );
  }
}
