export { createApp } from './app.js';
export {
  loadConfig,
  defaultConfig,
  type ServerConfig,
  type DefaultEndpointSecrets,
} from './config.js';
export type { AppContext } from './context.js';
export { openDatabase, isUniqueViolation, type OpenDatabase } from './db/database.js';
export { migrations } from './db/migrations/index.js';
export type { Database } from './db/schema.js';
export {
  createSecretBox,
  loadSecretKey,
  deriveKey,
  type SecretBox,
} from './security/secret-box.js';
export {
  EndpointStore,
  type EndpointSecrets,
  type EndpointRow,
} from './endpoints/endpoint-store.js';
export { endpointUrls, type EndpointUrls } from './endpoints/endpoint-urls.js';
export type { EventsCommittedListener } from './events/event-bus.js';
export { writeEvents, type PendingEvent, type EventSource } from './events/event-writer.js';
export { AdminError } from './admin/admin-errors.js';
export { SESSION_COOKIE, CSRF_HEADER } from './admin/admin-api.js';
export { importUsers } from './scim/users/user-import.js';
