import crypto from 'node:crypto';
import type { FlowDocument } from '@scimflow/flow';
import { createHttpClient, type CredentialType } from '@scimflow/nodes';
import { sendWithAgent, type HttpClientFactory } from '@scimflow/runtime';
import { sealSecrets, splitCredentialData } from '../../../src/credentials/credential-codec.js';
import type { ServerConfig } from '../../../src/config.js';
import type { RuntimeSettings } from '../../../src/runtime/settings.js';
import { signIn, type AdminClient } from '../../support/admin-client.js';
import { createEndpoint, type TestEndpoint } from '../../support/endpoint.js';
import { ADMIN_PASSWORD, startServer, type TestServer } from '../../support/test-server.js';

/** Runtime settings that keep tests fast: quick polls, millisecond backoff, short leases. */
export const FAST_RUNTIME: Partial<RuntimeSettings> = {
  workers: 4,
  pollMs: 20,
  leaseMs: 5_000,
  retryBaseDelayMs: 20,
  retryMaxDelayMs: 200,
  maxAttempts: 10,
  pruneIntervalMs: 3_600_000,
  stopTimeoutMs: 5_000,
};

/** The runtime's retrying client, over the same node:http transport, with millisecond backoff. */
export const fastHttpClient: HttpClientFactory = (options) =>
  createHttpClient({ ...options, baseDelayMs: 5, maxDelayMs: 200, send: sendWithAgent });

/** A server with the runtime running, a signed-in admin and one SCIM endpoint. */
export interface RuntimeServer {
  server: TestServer;
  admin: AdminClient;
  endpoint: TestEndpoint;
}

/** Starts a server with fast runtime settings, signs in and creates the endpoint `slug`. */
export async function startRuntimeServer(
  slug: string,
  overrides: Partial<ServerConfig> = {},
): Promise<RuntimeServer> {
  const server = await startServer({
    runtimeHttpClient: fastHttpClient,
    ...overrides,
    runtime: { ...FAST_RUNTIME, ...overrides.runtime },
  });
  const admin = await signIn(server.baseUrl, ADMIN_PASSWORD);
  const endpoint = await createEndpoint(admin, slug);
  return { server, admin, endpoint };
}

/**
 * Stores a credential the way the credentials area does: non-secret fields in clear, secret
 * fields sealed under the server's key.
 */
export async function seedCredential(
  server: TestServer,
  name: string,
  type: CredentialType,
  data: Record<string, unknown>,
): Promise<void> {
  const { db, secretBox } = server.app.scimflow;
  const id = crypto.randomUUID();
  const { fields, secrets } = splitCredentialData(type, data);
  const now = new Date().toISOString();
  await db
    .insertInto('credentials')
    .values({
      id,
      name,
      name_lower: name.toLowerCase(),
      type,
      fields: JSON.stringify(fields),
      secrets: sealSecrets(secretBox, id, secrets),
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/**
 * Creates an enabled flow from a document and publishes it as version 1, writing the rows the
 * flows area writes; returns the flow id.
 */
export async function publishFlow(server: TestServer, document: FlowDocument): Promise<string> {
  const { db } = server.app.scimflow;
  const id = crypto.randomUUID();
  const now = new Date().toISOString();
  await db
    .insertInto('flows')
    .values({
      id,
      name: document.name,
      name_lower: document.name.toLowerCase(),
      description: document.description,
      enabled: 1,
      draft: JSON.stringify(document),
      created_at: now,
      updated_at: now,
    })
    .execute();
  await publishNextVersion(server, id, document);
  return id;
}

/** Replaces a flow's draft and publishes it as the next version; returns the version number. */
export async function publishNextVersion(
  server: TestServer,
  flowId: string,
  document: FlowDocument,
): Promise<number> {
  const { db } = server.app.scimflow;
  const newest = await db
    .selectFrom('flow_versions')
    .select(({ fn }) => fn.max('version').as('version'))
    .where('flow_id', '=', flowId)
    .executeTakeFirst();
  const version = (newest?.version ?? 0) + 1;
  const now = new Date().toISOString();

  await db
    .updateTable('flows')
    .set({ draft: JSON.stringify(document), updated_at: now })
    .where('id', '=', flowId)
    .execute();
  await db
    .insertInto('flow_versions')
    .values({
      flow_id: flowId,
      version,
      document: JSON.stringify(document),
      note: 'test',
      published_by: 'admin',
      published_at: now,
    })
    .execute();
  return version;
}
