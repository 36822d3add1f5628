import { SCHEMAS } from '../urns.js';
import type { SchemaDefinition } from '../schemas/discovery.js';
import { attribute, subAttribute } from './define.js';

/** The core Group schema (RFC 7643 §4.2 and §8.7.1). */
export const GROUP_SCHEMA: SchemaDefinition = {
  id: SCHEMAS.group,
  name: 'Group',
  description: 'Group',
  attributes: [
    attribute('displayName', 'A human-readable name for the Group. Required.', { required: true }),
    attribute('members', 'The members of the Group.', {
      multiValued: true,
      type: 'complex',
      subAttributes: [
        subAttribute('value', "The member's id.", { mutability: 'immutable' }),
        subAttribute('$ref', "The URI of the member's resource.", {
          type: 'reference',
          referenceTypes: ['User', 'Group'],
          mutability: 'immutable',
        }),
        subAttribute('display', "The member's display name.", { mutability: 'immutable' }),
        subAttribute('type', "The member's resource type.", {
          canonicalValues: ['User', 'Group'],
          mutability: 'immutable',
        }),
      ],
    }),
  ],
};
