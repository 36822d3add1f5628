import type { AttributeDefinition, SubAttributeDefinition } from '../schemas/discovery.js';

type Overrides = Partial<Omit<AttributeDefinition, 'name' | 'description'>>;

/**
 * Builds an attribute definition with the RFC 7643 §7 defaults: a single-valued, optional,
 * case-insensitive, read-write string returned by default, without uniqueness.
 */
export function attribute(
  name: string,
  description: string,
  overrides: Overrides = {},
): AttributeDefinition {
  return {
    name,
    type: 'string',
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...overrides,
  };
}

/** Builds a sub-attribute definition with the same defaults as {@link attribute}. */
export function subAttribute(
  name: string,
  description: string,
  overrides: Omit<Overrides, 'subAttributes'> = {},
): SubAttributeDefinition {
  const { subAttributes: _ignored, ...definition } = attribute(name, description, overrides);
  return definition;
}

/**
 * Builds the sub-attributes shared by multi-valued attributes such as `emails` (RFC 7643 §2.4):
 * value, display, type and primary.
 */
export function multiValuedSubAttributes(noun: string, types: string[]): SubAttributeDefinition[] {
  return [
    subAttribute('value', `The ${noun}.`),
    subAttribute(
      'display',
      `A human-readable name for the ${noun}, primarily used for display purposes.`,
    ),
    subAttribute('type', `A label indicating the ${noun}'s function.`, { canonicalValues: types }),
    subAttribute(
      'primary',
      `Whether this is the preferred ${noun}. At most one entry is primary.`,
      {
        type: 'boolean',
      },
    ),
  ];
}
