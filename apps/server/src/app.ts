import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import type { ServerConfig } from './config.js';
import type { AppContext } from './context.js';
import './context.js';
import { openDatabase } from './db/database.js';
import { WriteQueue } from './db/write-queue.js';
import { EndpointStore } from './endpoints/endpoint-store.js';
import { EventBus } from './events/event-bus.js';
import { AccessTokens } from './auth/access-token.js';
import { RequestLogWriter } from './request-log/request-log-writer.js';
import { createSecretBox, loadSecretKey } from './security/secret-box.js';
import { ensureFirstStart } from './bootstrap.js';
import { loggerOptions } from './logger.js';
import { logStartup } from './startup-log.js';
import { adminApi } from './admin/admin-api.js';
import { oauthTokenRoute } from './auth/oauth-token-route.js';
import { scimApi } from './scim/scim-api.js';
import { legacyApi } from './scim/legacy/legacy-api.js';
import { serveDesigner } from './web/serve-designer.js';
import { metricsPlugin } from './metrics/metrics-plugin.js';
import { routeCatalogue } from './openapi/route-catalogue.js';
import { attachRuntime } from './runtime/runtime-plugin.js';

/**
 * Builds the ScimFlow server: opens the database (applying migrations), creates the admin user
 * and the `default` endpoint on first start, and registers every route. The caller listens:
 * `await app.listen({ host: config.host, port: config.port })`. Closing the app closes the database.
 */
export async function createApp(config: ServerConfig): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config),
    bodyLimit: config.bodyLimit,
    // Request ids appear on every log line of a request.
    requestIdHeader: 'x-request-id',
    routerOptions: { ignoreTrailingSlash: true },
  });

  const database = await openDatabase(config.dataDir);
  const secret = loadSecretKey(config.dataDir, config.secretKey);
  const endpoints = new EndpointStore(database.db);
  const firstStart = await ensureFirstStart(database.db, endpoints, config);

  const context: AppContext = {
    config,
    db: database.db,
    endpoints,
    secretBox: createSecretBox(secret.key),
    secretKey: secret.key,
    eventBus: new EventBus((error) =>
      app.log.error({ err: error }, 'events-committed listener failed'),
    ),
    accessTokens: new AccessTokens(secret.key, config.oauthTokenTtlSeconds),
    requestLog: new RequestLogWriter(database.db, database.sqlite, config.requestLogLimit, app.log),
    publicUrl: publicUrlOf(app, config),
  };
  app.decorate('scimflow', context);
  app.decorate('scimWrites', new WriteQueue(database.db, database.sqlite, app.log));
  app.decorate('onEventsCommitted', context.eventBus.onEventsCommitted.bind(context.eventBus));
  attachRuntime(app);

  app.log.info(
    { dataDir: config.dataDir, migrations: database.applied, secretKeyGenerated: secret.generated },
    'storage ready',
  );

  await app.register(cookie);
  // Both add root hooks, so they come before the routes they watch.
  await app.register(routeCatalogue);
  await app.register(metricsPlugin, { token: process.env.SCIMFLOW_METRICS_TOKEN || undefined });
  app.get('/healthz', async () => ({ status: 'ok' }));
  await app.register(oauthTokenRoute);
  await app.register(scimApi, { prefix: '/scim/v2' });
  await app.register(legacyApi, { prefix: '/scim-choreo' });
  await app.register(adminApi, { prefix: '/api' });
  await serveDesigner(app, config.webDistDir);

  app.addHook('onListen', async () => logStartup(app, firstStart));
  app.addHook('onClose', async () => {
    await context.requestLog.flush();
    await database.close();
    app.log.info('storage closed');
  });

  return app;
}

/**
 * Returns a function that yields the configured public URL, or `http://<host>:<port>` of the
 * listening socket; the socket's URL is remembered once the server listens.
 */
function publicUrlOf(app: FastifyInstance, config: ServerConfig): () => string {
  if (config.publicUrl) {
    const configured = config.publicUrl;
    return () => configured;
  }

  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  let listening: string | undefined;
  return () => {
    if (listening) return listening;
    const address = app.server.address() as AddressInfo | null;
    if (!address) return `http://${host}:${config.port}`;
    listening = `http://${host}:${address.port}`;
    return listening;
  };
}
