import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from './user.js';
import { GROUP_SCHEMA } from './group.js';

/**
 * The schema definitions (attribute catalogue) for User, Enterprise User and Group. `/Schemas`
 * serves them, the filter reads `caseExact` from them, projection reads `returned`, and the
 * designer's field picker lists their attributes.
 */
export const ATTRIBUTE_CATALOGUE = {
  user: USER_SCHEMA,
  enterpriseUser: ENTERPRISE_USER_SCHEMA,
  group: GROUP_SCHEMA,
} as const;

export { COMMON_ATTRIBUTES } from './common.js';
export { USER_SCHEMA, ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA };
