import { z } from 'zod';
import { credentialTypes, type CredentialType } from '@scimflow/nodes';

const CREDENTIAL_TYPE_IDS = Object.keys(credentialTypes) as [CredentialType, ...CredentialType[]];

const CredentialName = z.string().trim().min(1).max(200);

/**
 * Body of `POST /api/credentials`: one variant per credential type, so `data` is checked with the
 * type's own schema (secret fields carry `secret: true` in the OpenAPI document). `data` is
 * strict because the route rejects fields the type does not declare (`rejectUnknownFields`).
 */
export const CreateCredentialBody = z.discriminatedUnion(
  'type',
  CREDENTIAL_TYPE_IDS.map((type) =>
    z.object({
      name: CredentialName,
      type: z.literal(type),
      data: (credentialTypes[type].schema as unknown as z.ZodObject).strict(),
    }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
);

/**
 * Body of `PUT /api/credentials/:id`. `data` replaces the non-secret fields; a secret field left
 * out keeps its stored value. The merged data must fit the credential type's schema, and a field
 * the type does not declare is rejected.
 */
export const UpdateCredentialBody = z
  .object({
    name: CredentialName.optional(),
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export const CredentialIdParams = z.object({ id: z.string().min(1) });

/** A credential as the API returns it: non-secret fields, and the names of the secrets that are set. */
export const CredentialSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(CREDENTIAL_TYPE_IDS),
  fields: z.record(z.string(), z.unknown()),
  secretFields: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const CredentialTestResultSchema = z.object({ ok: z.boolean(), message: z.string() });

export type CredentialView = z.infer<typeof CredentialSchema>;
