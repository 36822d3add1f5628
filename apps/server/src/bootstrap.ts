import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ServerConfig } from './config.js';
import type { Database } from './db/schema.js';
import type { EndpointSecrets, EndpointStore } from './endpoints/endpoint-store.js';
import { generateSecret, hashPassword } from './security/hash.js';

export const DEFAULT_ENDPOINT_SLUG = 'default';
export const ADMIN_USERNAME = 'admin';

/**
 * Secrets generated on the first start, to print once; empty on later starts. `adminPasswordIgnored`
 * is set when SCIMFLOW_ADMIN_PASSWORD was given but the admin account already existed.
 */
export interface FirstStart {
  adminPasswordIgnored?: boolean;
  /** Generated admin password; undefined when it came from the environment or already existed. */
  adminPassword?: string;
  /** Generated secrets of the default endpoint; values supplied by the environment are left out. */
  endpointSecrets?: EndpointSecrets;
}

/** Creates the admin user and the `default` endpoint when they do not exist yet. */
export async function ensureFirstStart(
  db: Kysely<Database>,
  endpoints: EndpointStore,
  config: ServerConfig,
): Promise<FirstStart> {
  const result: FirstStart = {};

  const admin = await db
    .selectFrom('admin_users')
    .select('id')
    .where('username', '=', ADMIN_USERNAME)
    .executeTakeFirst();
  if (!admin) {
    const password = config.adminPassword ?? generateSecret(18);
    if (!config.adminPassword) result.adminPassword = password;
    await db
      .insertInto('admin_users')
      .values({
        id: crypto.randomUUID(),
        username: ADMIN_USERNAME,
        password_hash: await hashPassword(password),
        created_at: new Date().toISOString(),
      })
      .execute();
  } else if (config.adminPassword) {
    result.adminPasswordIgnored = true;
  }

  const existing = await endpoints.findBySlug(DEFAULT_ENDPOINT_SLUG);
  if (!existing) {
    const supplied = config.defaultEndpoint;
    const { secrets } = await endpoints.createEndpoint(DEFAULT_ENDPOINT_SLUG, 'Default', supplied);
    result.endpointSecrets = withoutSupplied(secrets, supplied);
  }

  return result;
}

/** Keeps only the secrets that were generated, so values from the environment are never printed. */
function withoutSupplied(
  secrets: EndpointSecrets,
  supplied: ServerConfig['defaultEndpoint'],
): EndpointSecrets {
  const generated: EndpointSecrets = {};
  if (!supplied.bearerToken) generated.bearerToken = secrets.bearerToken;
  if (!supplied.basicPassword) generated.basic = secrets.basic;
  if (!supplied.apiKey) generated.apiKey = secrets.apiKey;
  if (!supplied.oauthClientSecret) generated.oauth2 = secrets.oauth2;
  return generated;
}
