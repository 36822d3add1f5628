import { z } from 'zod';
import { SLUG_PATTERN } from '../endpoints/endpoint-store.js';

/** Body of `POST /api/endpoints`. */
export const CreateEndpointBody = z.object({
  slug: z
    .string()
    .regex(
      SLUG_PATTERN,
      'slug must be 1-63 lowercase letters, digits or "-", starting with a letter or digit',
    ),
  name: z.string().min(1).max(200),
});

/** Body of `PATCH /api/endpoints/:slug`. Fields left out keep their value. */
export const UpdateEndpointBody = z
  .object({
    name: z.string().min(1).max(200).optional(),
    apiKeyHeader: z
      .string()
      .regex(
        /^[A-Za-z0-9-]{1,100}$/,
        'apiKeyHeader must be an HTTP header name (letters, digits, "-")',
      )
      .refine(
        (name) => !['authorization', 'cookie', 'content-type', 'host'].includes(name.toLowerCase()),
        {
          message: 'apiKeyHeader must not be a standard header such as Authorization or Cookie',
        },
      )
      .optional(),
  })
  .strict();

export const EndpointSlugParams = z.object({ slug: z.string() });

export const RotateParams = z.object({
  slug: z.string(),
  kind: z.enum(['bearer', 'basic', 'apiKey', 'oauth2']),
});

export const RequestsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** A SCIM endpoint as the admin API returns it: its URLs and which credentials are set. */
export const EndpointSchema = z.object({
  slug: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  usersUrl: z.string(),
  groupsUrl: z.string(),
  /** Base URL of the SCIM 1.1 connector (`scim-choreo`) of WSO2 Identity Server. */
  legacyUrl: z.string(),
  tokenUrl: z.string(),
  auth: z.object({
    bearer: z.object({ configured: z.boolean() }),
    basic: z.object({ username: z.string().nullable(), configured: z.boolean() }),
    apiKey: z.object({ header: z.string(), configured: z.boolean() }),
    oauth2: z.object({ clientId: z.string().nullable(), configured: z.boolean() }),
  }),
  counts: z.object({ users: z.number().int(), groups: z.number().int() }),
  createdAt: z.string(),
});

/** Credentials shown once, when an endpoint is created or one of them is rotated. */
export const EndpointSecretsSchema = z.object({
  bearerToken: z.string().optional(),
  basic: z.object({ username: z.string(), password: z.string() }).optional(),
  apiKey: z.string().optional(),
  oauth2: z.object({ clientId: z.string(), clientSecret: z.string() }).optional(),
});

/** Response of creating an endpoint or rotating one of its credentials. */
export const EndpointWithSecretsSchema = z.object({
  endpoint: EndpointSchema,
  secrets: EndpointSecretsSchema,
});

/** One entry of an endpoint's request log; bodies have passwords, tokens and keys redacted. */
export const RequestLogEntrySchema = z.object({
  id: z.number().int(),
  method: z.string(),
  path: z.string(),
  query: z.string().nullable(),
  status: z.number().int(),
  durationMs: z.number(),
  userAgent: z.string().nullable(),
  dialect: z.string(),
  requestBody: z.string().nullable(),
  responseBody: z.string().nullable(),
  at: z.string(),
});
