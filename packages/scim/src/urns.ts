/** The schema URNs of RFC 7643 and RFC 7644, plus the SCIM 1.1 core URN that older clients send. */
export const SCHEMAS = {
  coreUser: 'urn:ietf:params:scim:schemas:core:2.0:User',
  enterpriseUser: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
  scim11Core: 'urn:scim:schemas:core:1.0',
} as const;

/** The SCIM 1.1 enterprise extension URN, mapped to {@link SCHEMAS.enterpriseUser} on input. */
export const SCIM11_ENTERPRISE = 'urn:scim:schemas:extension:enterprise:1.0';

/** A SCIM resource type that this package models. */
export type ResourceTypeName = 'User' | 'Group';
