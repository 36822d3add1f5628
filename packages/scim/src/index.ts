export { SCHEMAS, SCIM11_ENTERPRISE, type ResourceTypeName } from './urns.js';
export { ScimError, ScimType, scimErrors, type ScimErrorJson } from './errors.js';
export {
  MetaSchema,
  MultiValuedEntrySchema,
  type Meta,
  type MultiValuedEntry,
} from './schemas/common.js';
export {
  UserSchema,
  EnterpriseUserSchema,
  NameSchema,
  AddressSchema,
  type ScimUser,
  type EnterpriseUser,
} from './schemas/user.js';
export {
  GroupSchema,
  GroupMemberSchema,
  type ScimGroup,
  type GroupMember,
} from './schemas/group.js';
export {
  PatchOpSchema,
  PatchOperationSchema,
  ListResponseSchema,
  ErrorSchema,
  type PatchOp,
  type PatchOperation,
  type ListResponse,
  type ScimErrorBody,
} from './schemas/messages.js';
export {
  ServiceProviderConfigSchema,
  ResourceTypeSchema,
  SchemaDefinitionSchema,
  AttributeDefinitionSchema,
  SubAttributeDefinitionSchema,
  type AttributeType,
  type AttributeDefinition,
  type SubAttributeDefinition,
  type SchemaDefinition,
  type ResourceTypeDocument,
  type ServiceProviderConfig,
} from './schemas/discovery.js';
export { ATTRIBUTE_CATALOGUE } from './catalogue/index.js';
export { parseUser, parseGroup, parsePatchOp } from './parse.js';
export type {
  FilterExpression,
  AttributePath,
  CompareOperator,
  FilterValue,
} from './filter/ast.js';
export { parseFilter } from './filter/parse.js';
export { checkFilterAttributes } from './filter/check.js';
export { evaluateFilter } from './filter/evaluate.js';
export { findEqualityLookup, type EqualityLookup } from './filter/lookup.js';
export { applyPatch, type PatchResult } from './patch/apply.js';
export { replaceResource } from './replace.js';
export { projectResource, type ProjectionOptions } from './projection.js';
export { diffResources, diffMembers, type AttributeChange, type MemberChanges } from './diff.js';
export {
  serviceProviderConfig,
  resourceTypes,
  schemaDocuments,
  type ServiceProviderConfigOptions,
} from './discovery.js';
