import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, EndpointCredentialsTable, EndpointTable } from '../db/schema.js';
import { isUniqueViolation } from '../db/database.js';
import { generateSecret } from '../security/hash.js';
import { hashSecret, type CredentialKind } from '../security/secret-check.js';

export type EndpointRow = EndpointTable;
export type EndpointCredentials = EndpointCredentialsTable;

/** Plaintext credentials, returned once when they are created or rotated. */
export interface EndpointSecrets {
  bearerToken?: string;
  basic?: { username: string; password: string };
  apiKey?: string;
  oauth2?: { clientId: string; clientSecret: string };
}

/** Credentials an operator supplies instead of generated ones (first start from the environment). */
export interface SuppliedSecrets {
  bearerToken?: string;
  basicUsername?: string;
  basicPassword?: string;
  apiKey?: string;
  oauthClientId?: string;
  oauthClientSecret?: string;
}

export const DEFAULT_API_KEY_HEADER = 'X-API-Key';
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Thrown by `createEndpoint` when the slug is taken. */
export class EndpointExistsError extends Error {
  constructor(readonly slug: string) {
    super(`A SCIM endpoint with slug "${slug}" already exists; choose another slug`);
  }
}

// How long `resolve` trusts a cached endpoint. Changes made through this store clear the cache
// at once; the TTL bounds how long another process's change can go unseen.
const RESOLVE_TTL_MS = 5000;

/** Reads and writes SCIM endpoints and their hashed credentials. */
export class EndpointStore {
  private readonly resolved = new Map<
    string,
    { at: number; found?: { endpoint: EndpointRow; credentials: EndpointCredentials } }
  >();

  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Returns the endpoint with `slug` and its credential hashes, from a short-lived cache. Every
   * SCIM request calls this, so it saves two queries per request.
   */
  async resolve(
    slug: string,
  ): Promise<{ endpoint: EndpointRow; credentials: EndpointCredentials } | undefined> {
    const cached = this.resolved.get(slug);
    if (cached && Date.now() - cached.at < RESOLVE_TTL_MS) return cached.found;

    const endpoint = await this.findBySlug(slug);
    const credentials = endpoint && (await this.credentials(endpoint.id));
    const found = endpoint && credentials ? { endpoint, credentials } : undefined;
    this.resolved.set(slug, { at: Date.now(), ...(found ? { found } : {}) });
    return found;
  }

  /** Returns the endpoint with `slug`, or undefined. */
  async findBySlug(slug: string): Promise<EndpointRow | undefined> {
    return this.db.selectFrom('endpoints').selectAll().where('slug', '=', slug).executeTakeFirst();
  }

  /** Lists endpoints in creation order. */
  async list(): Promise<EndpointRow[]> {
    return this.db
      .selectFrom('endpoints')
      .selectAll()
      .orderBy('created_at')
      .orderBy('slug')
      .execute();
  }

  /** Returns the credential hashes of an endpoint. */
  async credentials(endpointId: string): Promise<EndpointCredentials | undefined> {
    return this.db
      .selectFrom('endpoint_credentials')
      .selectAll()
      .where('endpoint_id', '=', endpointId)
      .executeTakeFirst();
  }

  /** Returns the endpoint whose OAuth2 client id is `clientId`, with its credentials. */
  async findByClientId(
    clientId: string,
  ): Promise<{ endpoint: EndpointRow; credentials: EndpointCredentials } | undefined> {
    const credentials = await this.db
      .selectFrom('endpoint_credentials')
      .selectAll()
      .where('oauth_client_id', '=', clientId)
      .executeTakeFirst();
    if (!credentials) return undefined;

    const endpoint = await this.db
      .selectFrom('endpoints')
      .selectAll()
      .where('id', '=', credentials.endpoint_id)
      .executeTakeFirst();
    return endpoint ? { endpoint, credentials } : undefined;
  }

  /** Counts the users and groups of an endpoint. */
  async counts(endpointId: string): Promise<{ users: number; groups: number }> {
    const users = await this.db
      .selectFrom('scim_users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('endpoint_id', '=', endpointId)
      .executeTakeFirstOrThrow();
    const groups = await this.db
      .selectFrom('scim_groups')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('endpoint_id', '=', endpointId)
      .executeTakeFirstOrThrow();
    return { users: Number(users.n), groups: Number(groups.n) };
  }

  /**
   * Creates an endpoint with all four credential kinds, using `supplied` values where given and
   * generating the rest. Returns the plaintext secrets, which are not stored.
   * Throws EndpointExistsError when the slug is taken.
   */
  async createEndpoint(
    slug: string,
    name: string,
    supplied: SuppliedSecrets = {},
  ): Promise<{ endpoint: EndpointRow; secrets: EndpointSecrets }> {
    const endpoint: EndpointRow = {
      id: crypto.randomUUID(),
      slug,
      name,
      api_key_header: DEFAULT_API_KEY_HEADER,
      created_at: new Date().toISOString(),
    };

    const secrets: EndpointSecrets = {};
    const hashes: Partial<EndpointCredentials> = {};
    for (const kind of ['bearer', 'basic', 'apiKey', 'oauth2'] as const) {
      Object.assign(hashes, await issueCredential(kind, slug, secrets, supplied));
    }

    try {
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto('endpoints').values(endpoint).execute();
        await trx
          .insertInto('endpoint_credentials')
          .values({ ...emptyCredentials(endpoint.id), ...hashes })
          .execute();
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new EndpointExistsError(slug);
      throw error;
    }
    this.resolved.clear();

    return { endpoint, secrets };
  }

  /** Replaces one credential kind with a newly generated secret and returns the secret. */
  async rotate(endpoint: EndpointRow, kind: CredentialKind): Promise<EndpointSecrets> {
    const current = await this.credentials(endpoint.id);
    const secrets: EndpointSecrets = {};
    const supplied: SuppliedSecrets = {
      // Rotation keeps the Basic user name and the OAuth2 client id, so clients change one value.
      basicUsername: current?.basic_username ?? undefined,
      oauthClientId: current?.oauth_client_id ?? undefined,
    };
    const hashes = await issueCredential(kind, endpoint.slug, secrets, supplied);

    await this.db
      .updateTable('endpoint_credentials')
      .set({ ...hashes, updated_at: new Date().toISOString() })
      .where('endpoint_id', '=', endpoint.id)
      .execute();
    this.resolved.clear();
    return secrets;
  }

  /** Updates the name and API key header of an endpoint; returns the updated row. */
  async update(
    endpoint: EndpointRow,
    changes: { name?: string; apiKeyHeader?: string },
  ): Promise<EndpointRow> {
    const next = {
      name: changes.name ?? endpoint.name,
      api_key_header: changes.apiKeyHeader ?? endpoint.api_key_header,
    };
    await this.db.updateTable('endpoints').set(next).where('id', '=', endpoint.id).execute();
    this.resolved.clear();
    return { ...endpoint, ...next };
  }

  /** Deletes an endpoint with its users, groups, credentials and request log (by cascade). */
  async delete(endpoint: EndpointRow): Promise<void> {
    await this.db.deleteFrom('endpoints').where('id', '=', endpoint.id).execute();
    this.resolved.clear();
  }
}

function emptyCredentials(endpointId: string): EndpointCredentials {
  return {
    endpoint_id: endpointId,
    bearer_token_hash: null,
    basic_username: null,
    basic_password_hash: null,
    api_key_hash: null,
    oauth_client_id: null,
    oauth_client_secret_hash: null,
    updated_at: new Date().toISOString(),
  };
}

/** Issues one credential: fills `secrets` with the plaintext and returns the columns to store. */
async function issueCredential(
  kind: CredentialKind,
  slug: string,
  secrets: EndpointSecrets,
  supplied: SuppliedSecrets,
): Promise<Partial<EndpointCredentials>> {
  switch (kind) {
    case 'bearer': {
      const token = supplied.bearerToken ?? generateSecret();
      secrets.bearerToken = token;
      return { bearer_token_hash: await hashSecret(token, !supplied.bearerToken) };
    }
    case 'basic': {
      const username = supplied.basicUsername ?? `scim-${slug}`;
      const password = supplied.basicPassword ?? generateSecret(24);
      secrets.basic = { username, password };
      return {
        basic_username: username,
        basic_password_hash: await hashSecret(password, !supplied.basicPassword),
      };
    }
    case 'apiKey': {
      const key = supplied.apiKey ?? generateSecret();
      secrets.apiKey = key;
      return { api_key_hash: await hashSecret(key, !supplied.apiKey) };
    }
    case 'oauth2': {
      const clientId = supplied.oauthClientId ?? `scimflow-${slug}-${generateSecret(6)}`;
      const clientSecret = supplied.oauthClientSecret ?? generateSecret();
      secrets.oauth2 = { clientId, clientSecret };
      return {
        oauth_client_id: clientId,
        oauth_client_secret_hash: await hashSecret(clientSecret, !supplied.oauthClientSecret),
      };
    }
  }
}
