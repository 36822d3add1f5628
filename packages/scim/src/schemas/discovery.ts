import { z } from 'zod';
import { MetaSchema } from './common.js';

const AttributeTypeSchema = z.enum([
  'string',
  'boolean',
  'decimal',
  'integer',
  'dateTime',
  'reference',
  'complex',
  'binary',
]);

const attributeFields = {
  name: z.string(),
  type: AttributeTypeSchema,
  multiValued: z.boolean(),
  description: z.string(),
  required: z.boolean(),
  caseExact: z.boolean(),
  mutability: z.enum(['readOnly', 'readWrite', 'immutable', 'writeOnly']),
  returned: z.enum(['always', 'never', 'default', 'request']),
  uniqueness: z.enum(['none', 'server', 'global']),
  canonicalValues: z.array(z.string()).optional(),
  referenceTypes: z.array(z.string()).optional(),
};

/** A sub-attribute definition (RFC 7643 §7). Sub-attributes do not nest further. */
export const SubAttributeDefinitionSchema = z.object(attributeFields);

/** An attribute definition (RFC 7643 §7), with `subAttributes` for complex attributes. */
export const AttributeDefinitionSchema = z.object({
  ...attributeFields,
  subAttributes: z.array(SubAttributeDefinitionSchema).optional(),
});

/** A schema resource as served by `/Schemas` (RFC 7643 §7). */
export const SchemaDefinitionSchema = z.object({
  schemas: z.array(z.string()).optional(),
  id: z.string(),
  name: z.string(),
  description: z.string(),
  attributes: z.array(AttributeDefinitionSchema),
  meta: MetaSchema.optional(),
});

/** A ResourceType resource (RFC 7643 §6). */
export const ResourceTypeSchema = z.object({
  schemas: z.array(z.string()),
  id: z.string(),
  name: z.string(),
  endpoint: z.string(),
  description: z.string().optional(),
  schema: z.string(),
  schemaExtensions: z.array(z.object({ schema: z.string(), required: z.boolean() })).optional(),
  meta: MetaSchema.optional(),
});

const supported = z.object({ supported: z.boolean() });

/** The ServiceProviderConfig resource (RFC 7643 §5). */
export const ServiceProviderConfigSchema = z.object({
  schemas: z.array(z.string()),
  documentationUri: z.string().optional(),
  patch: supported,
  bulk: supported.extend({ maxOperations: z.number().int(), maxPayloadSize: z.number().int() }),
  filter: supported.extend({ maxResults: z.number().int() }),
  changePassword: supported,
  sort: supported,
  etag: supported,
  authenticationSchemes: z.array(
    z.object({
      type: z.string(),
      name: z.string(),
      description: z.string(),
      specUri: z.string().optional(),
      documentationUri: z.string().optional(),
      primary: z.boolean().optional(),
    }),
  ),
  meta: MetaSchema.optional(),
});

export type AttributeType = z.infer<typeof AttributeTypeSchema>;
export type SubAttributeDefinition = z.infer<typeof SubAttributeDefinitionSchema>;
export type AttributeDefinition = z.infer<typeof AttributeDefinitionSchema>;
export type SchemaDefinition = z.infer<typeof SchemaDefinitionSchema>;
export type ResourceTypeDocument = z.infer<typeof ResourceTypeSchema>;
export type ServiceProviderConfig = z.infer<typeof ServiceProviderConfigSchema>;
