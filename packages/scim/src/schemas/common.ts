import { z } from 'zod';

/** The `meta` common attribute (RFC 7643 §3.1). The service provider sets it; clients cannot. */
export const MetaSchema = z.looseObject({
  resourceType: z.string().optional(),
  created: z.string().optional(),
  lastModified: z.string().optional(),
  location: z.string().optional(),
  version: z.string().optional(),
});

/**
 * One entry of a multi-valued attribute such as `emails`, `phoneNumbers` or `roles`
 * (RFC 7643 §2.4). Unknown sub-attributes are kept.
 */
export const MultiValuedEntrySchema = z.looseObject({
  value: z.string().optional(),
  display: z.string().optional(),
  type: z.string().optional(),
  primary: z.boolean().optional(),
  $ref: z.string().optional(),
});

export type Meta = z.infer<typeof MetaSchema>;
export type MultiValuedEntry = z.infer<typeof MultiValuedEntrySchema>;
