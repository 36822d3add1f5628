import type { AttributeDefinition } from '../schemas/discovery.js';
import { attribute, subAttribute } from './define.js';

/**
 * The common attributes of every resource (RFC 7643 §3.1). They belong to no schema, so `/Schemas`
 * does not list them, but filters, projection and PATCH need their definitions. `externalId` is
 * case-exact and `id` is case-exact and read-only.
 */
export const COMMON_ATTRIBUTES: AttributeDefinition[] = [
  attribute('id', 'The identifier that the service provider assigns to the resource.', {
    caseExact: true,
    mutability: 'readOnly',
    returned: 'always',
    uniqueness: 'server',
  }),
  attribute('externalId', "The identifier of the resource in the client's domain.", {
    caseExact: true,
  }),
  attribute('meta', 'Resource metadata, maintained by the service provider.', {
    type: 'complex',
    mutability: 'readOnly',
    subAttributes: [
      subAttribute('resourceType', 'The name of the resource type.', {
        caseExact: true,
        mutability: 'readOnly',
      }),
      subAttribute('created', 'When the resource was added.', {
        type: 'dateTime',
        mutability: 'readOnly',
      }),
      subAttribute('lastModified', 'When the resource was last changed.', {
        type: 'dateTime',
        mutability: 'readOnly',
      }),
      subAttribute('location', 'The URI of the resource.', {
        type: 'reference',
        caseExact: true,
        mutability: 'readOnly',
      }),
      subAttribute('version', 'The version of the resource.', {
        caseExact: true,
        mutability: 'readOnly',
      }),
    ],
  }),
];
