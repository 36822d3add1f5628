import type { Kysely } from 'kysely';
import type { AccessTokens } from './auth/access-token.js';
import type { ServerConfig } from './config.js';
import type { Database } from './db/schema.js';
import type { EndpointStore } from './endpoints/endpoint-store.js';
import type { EventBus, EventsCommittedListener } from './events/event-bus.js';
import type { RequestLogWriter } from './request-log/request-log-writer.js';
import type { SecretBox } from './security/secret-box.js';

/** Shared services of one server instance, available to every plugin as `app.scimflow`. */
export interface AppContext {
  config: ServerConfig;
  db: Kysely<Database>;
  endpoints: EndpointStore;
  /** AES-256-GCM encryption under the server's secret key, for credentials at rest. */
  secretBox: SecretBox;
  /** The 32-byte secret key; derive purpose-specific keys from it with `deriveKey`. */
  secretKey: Buffer;
  eventBus: EventBus;
  /** Issues and verifies the OAuth2 access tokens of SCIM endpoints. */
  accessTokens: AccessTokens;
  requestLog: RequestLogWriter;
  /** Public base URL without a trailing slash, e.g. `http://127.0.0.1:3000`. */
  publicUrl(): string;
}

declare module 'fastify' {
  interface FastifyInstance {
    scimflow: AppContext;
    /** Registers a listener called after each commit that wrote provisioning events. */
    onEventsCommitted(listener: EventsCommittedListener): () => void;
  }
}
