import { z } from 'zod';

/**
 * Provisioning event types. The SCIM endpoint writes one event per accepted change, plus one
 * `group.member_added` / `group.member_removed` event per member that a group change adds or removes.
 */
export const PROVISIONING_EVENT_TYPES = [
  'user.created',
  'user.updated',
  'user.deactivated',
  'user.reactivated',
  'user.deleted',
  'group.created',
  'group.updated',
  'group.deleted',
  'group.member_added',
  'group.member_removed',
] as const;

export const ProvisioningEventTypeSchema = z.enum(PROVISIONING_EVENT_TYPES);
export type ProvisioningEventType = z.infer<typeof ProvisioningEventTypeSchema>;

/** One attribute-level change, with SCIM attribute paths such as `name.givenName`. */
export const AttributeChangeSchema = z.object({
  path: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});

/** The identity provider dialect, guessed from User-Agent and request shape. */
export const ClientDialectSchema = z.enum([
  'asgardeo-scim2',
  'scim-choreo',
  'okta',
  'entra',
  'onelogin',
  'jumpcloud',
  'generic',
]);

/**
 * A provisioning event as flows see it. Expressions read these fields directly:
 * `user.name.givenName`, `before.active`, `changes`, `member.value`.
 */
export const ProvisioningEventSchema = z.object({
  id: z.string(),
  type: ProvisioningEventTypeSchema,
  endpoint: z.string(),
  dialect: ClientDialectSchema,
  acceptedAt: z.string(),
  resourceType: z.enum(['User', 'Group']),
  resourceId: z.string(),
  /** The resource after the change, or before it for a delete. */
  user: z.record(z.string(), z.unknown()).optional(),
  group: z.record(z.string(), z.unknown()).optional(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  changes: z.array(AttributeChangeSchema),
  /** For member events: the member (`value` is the user id, `display` its name). */
  member: z.object({ value: z.string(), display: z.string().optional() }).optional(),
});

export type AttributeChange = z.infer<typeof AttributeChangeSchema>;
export type ClientDialect = z.infer<typeof ClientDialectSchema>;
export type ProvisioningEvent = z.infer<typeof ProvisioningEventSchema>;
