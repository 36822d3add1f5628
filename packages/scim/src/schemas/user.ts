import { z } from 'zod';
import { SCHEMAS } from '../urns.js';
import { MetaSchema, MultiValuedEntrySchema } from './common.js';

/** The `name` complex attribute of a User (RFC 7643 §4.1.1). */
export const NameSchema = z.object({
  formatted: z.string().optional(),
  familyName: z.string().optional(),
  givenName: z.string().optional(),
  middleName: z.string().optional(),
  honorificPrefix: z.string().optional(),
  honorificSuffix: z.string().optional(),
});

/** One entry of a User's `addresses` (RFC 7643 §4.1.2). */
export const AddressSchema = z.looseObject({
  formatted: z.string().optional(),
  streetAddress: z.string().optional(),
  locality: z.string().optional(),
  region: z.string().optional(),
  postalCode: z.string().optional(),
  country: z.string().optional(),
  type: z.string().optional(),
  primary: z.boolean().optional(),
});

/** The Enterprise User extension (RFC 7643 §4.3), stored under {@link SCHEMAS.enterpriseUser}. */
export const EnterpriseUserSchema = z.object({
  employeeNumber: z.string().optional(),
  costCenter: z.string().optional(),
  organization: z.string().optional(),
  division: z.string().optional(),
  department: z.string().optional(),
  manager: z
    .object({
      value: z.string().optional(),
      $ref: z.string().optional(),
      displayName: z.string().optional(),
    })
    .optional(),
});

/**
 * A User in canonical SCIM 2.0 form (RFC 7643 §4.1): canonical attribute names, the enterprise
 * extension under its URN key, and any other extension URN key kept as sent.
 */
export const UserSchema = z.looseObject({
  schemas: z.array(z.string()),
  id: z.string().optional(),
  externalId: z.string().optional(),
  userName: z.string().min(1),
  name: NameSchema.optional(),
  displayName: z.string().optional(),
  nickName: z.string().optional(),
  profileUrl: z.string().optional(),
  title: z.string().optional(),
  userType: z.string().optional(),
  preferredLanguage: z.string().optional(),
  locale: z.string().optional(),
  timezone: z.string().optional(),
  active: z.boolean().optional(),
  password: z.string().optional(),
  emails: z.array(MultiValuedEntrySchema).optional(),
  phoneNumbers: z.array(MultiValuedEntrySchema).optional(),
  ims: z.array(MultiValuedEntrySchema).optional(),
  photos: z.array(MultiValuedEntrySchema).optional(),
  addresses: z.array(AddressSchema).optional(),
  groups: z.array(MultiValuedEntrySchema).optional(),
  entitlements: z.array(MultiValuedEntrySchema).optional(),
  roles: z.array(MultiValuedEntrySchema).optional(),
  x509Certificates: z.array(MultiValuedEntrySchema).optional(),
  [SCHEMAS.enterpriseUser]: EnterpriseUserSchema.optional(),
  meta: MetaSchema.optional(),
});

export type EnterpriseUser = z.infer<typeof EnterpriseUserSchema>;

/**
 * A parsed User. `enterprise` is a non-enumerable getter that mirrors the enterprise URN key, so
 * `user.enterprise?.department` reads the extension while `JSON.stringify(user)` stays canonical.
 */
export type ScimUser = z.infer<typeof UserSchema> & { readonly enterprise?: EnterpriseUser };
