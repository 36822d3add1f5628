import { z } from 'zod';
import { MetaSchema } from './common.js';

/** One member of a Group (RFC 7643 §4.2). `value` is the member's `id`. */
export const GroupMemberSchema = z.looseObject({
  value: z.string().min(1),
  display: z.string().optional(),
  type: z.string().optional(),
  $ref: z.string().optional(),
});

/** A Group in canonical SCIM 2.0 form (RFC 7643 §4.2). */
export const GroupSchema = z.looseObject({
  schemas: z.array(z.string()),
  id: z.string().optional(),
  externalId: z.string().optional(),
  displayName: z.string().min(1),
  members: z.array(GroupMemberSchema).optional(),
  meta: MetaSchema.optional(),
});

export type GroupMember = z.infer<typeof GroupMemberSchema>;
export type ScimGroup = z.infer<typeof GroupSchema>;
