import { z } from 'zod';
import { ScimType } from '../errors.js';

/** One PATCH operation (RFC 7644 §3.5.2) in canonical form: `op` is lower case. */
export const PatchOperationSchema = z.object({
  op: z.enum(['add', 'remove', 'replace']),
  path: z.string().optional(),
  value: z.unknown().optional(),
});

/** A PatchOp request body (RFC 7644 §3.5.2). */
export const PatchOpSchema = z.object({
  schemas: z.array(z.string()),
  Operations: z.array(PatchOperationSchema).min(1),
});

/** A ListResponse (RFC 7644 §3.4.2). `Resources` may be omitted when `totalResults` is 0. */
export const ListResponseSchema = z.object({
  schemas: z.array(z.string()),
  totalResults: z.number().int().nonnegative(),
  startIndex: z.number().int().positive().optional(),
  itemsPerPage: z.number().int().nonnegative().optional(),
  Resources: z.array(z.record(z.string(), z.unknown())).optional(),
});

/** A SCIM error body (RFC 7644 §3.12). `status` is the HTTP status as a string. */
export const ErrorSchema = z.object({
  schemas: z.array(z.string()),
  status: z.string(),
  scimType: z.enum(Object.values(ScimType) as [ScimType, ...ScimType[]]).optional(),
  detail: z.string().optional(),
});

export type PatchOperation = z.infer<typeof PatchOperationSchema>;
export type PatchOp = z.infer<typeof PatchOpSchema>;
export type ScimErrorBody = z.infer<typeof ErrorSchema>;

/** A ListResponse whose `Resources` have type `T`. */
export type ListResponse<T = Record<string, unknown>> = Omit<
  z.infer<typeof ListResponseSchema>,
  'Resources'
> & {
  Resources?: T[];
};
