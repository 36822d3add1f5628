import { scimErrors } from '../errors.js';
import { findDefinition, resolveAttribute } from '../catalogue/resolve.js';
import type { AttributeDefinition } from '../schemas/discovery.js';
import type { ResourceTypeName } from '../urns.js';
import { formatPath, type AttributePath, type FilterExpression } from './ast.js';

/**
 * Checks that every attribute a filter names exists on `resourceType`, as RFC 7644 §3.4.2.2
 * requires: a filter on an attribute the service provider does not support is a 400
 * `invalidFilter`, not an empty result. Attributes of extensions this package does not model are
 * accepted, because they are stored as sent. Unknown sub-attributes are accepted on multi-valued
 * attributes for the same reason (clients add their own, such as `emails.location`).
 *
 * @throws ScimError 400 `invalidFilter` naming the unknown attribute.
 */
export function checkFilterAttributes(
  filter: FilterExpression,
  resourceType: ResourceTypeName,
): void {
  switch (filter.kind) {
    case 'and':
    case 'or':
      checkFilterAttributes(filter.left, resourceType);
      checkFilterAttributes(filter.right, resourceType);
      return;
    case 'not':
      checkFilterAttributes(filter.expression, resourceType);
      return;
    case 'valuePath':
      checkPath({ ...filter.path, valueFilter: filter.filter }, resourceType);
      return;
    case 'present':
    case 'compare':
      checkPath(filter.path, resourceType);
  }
}

function checkPath(path: AttributePath, resourceType: ResourceTypeName): void {
  const resolved = resolveAttribute(resourceType, path.schema, path.attribute);
  if (resolved === undefined) throw unknownAttribute(path, resourceType);

  const definition = resolved.definition;
  if (definition === undefined) return;

  // A write-only attribute is never returned, so a filter on it could only reveal its value.
  if (definition.returned === 'never') {
    throw scimErrors.invalidFilter(
      `Invalid filter: '${definition.name}' is write-only and cannot be filtered. Filter on another attribute such as userName.`,
    );
  }

  if (path.subAttribute !== undefined)
    checkSubAttribute(definition, path.subAttribute, path, resourceType);

  if (path.valueFilter !== undefined) {
    if (definition.type !== 'complex') {
      throw scimErrors.invalidFilter(
        `Invalid filter: '${definition.name}' is not a complex attribute, so it takes no "[…]" value filter. Filter on '${definition.name}' itself.`,
      );
    }
    checkEntryFilter(path.valueFilter, definition, path, resourceType);
  }
}

/** Checks the names inside `emails[…]` against the sub-attributes of the enclosing attribute. */
function checkEntryFilter(
  filter: FilterExpression,
  parent: AttributeDefinition,
  enclosing: AttributePath,
  resourceType: ResourceTypeName,
): void {
  switch (filter.kind) {
    case 'and':
    case 'or':
      checkEntryFilter(filter.left, parent, enclosing, resourceType);
      checkEntryFilter(filter.right, parent, enclosing, resourceType);
      return;
    case 'not':
      checkEntryFilter(filter.expression, parent, enclosing, resourceType);
      return;
    case 'valuePath':
    case 'present':
    case 'compare':
      checkSubAttribute(parent, filter.path.attribute, enclosing, resourceType);
  }
}

function checkSubAttribute(
  definition: AttributeDefinition,
  name: string,
  path: AttributePath,
  resourceType: ResourceTypeName,
): void {
  if (definition.type !== 'complex') {
    throw scimErrors.invalidFilter(
      `Invalid filter: '${definition.name}' has no sub-attributes, so '${definition.name}.${name}' does not exist. Filter on '${definition.name}' itself.`,
    );
  }
  if (definition.multiValued) return;

  if (findDefinition(definition.subAttributes ?? [], name) === undefined)
    throw unknownAttribute({ ...path, subAttribute: name }, resourceType);
}

function unknownAttribute(path: AttributePath, resourceType: ResourceTypeName) {
  return scimErrors.invalidFilter(
    `Invalid filter: unknown ${resourceType} attribute '${formatPath(path)}'. Filter on an attribute of the ${resourceType} schema, which GET /Schemas lists.`,
  );
}
