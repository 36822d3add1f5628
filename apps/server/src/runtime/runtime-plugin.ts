import type { FastifyInstance } from 'fastify';
import type { HttpClientFactory, RuntimeLogger } from '@scimflow/runtime';
import { CredentialNotFoundError, resolveCredential } from '../credentials/resolve.js';
import { FlowRuntime } from './flow-runtime.js';
import { DEFAULT_RUNTIME_SETTINGS, loadRuntimeSettings, type RuntimeSettings } from './settings.js';

declare module '../config.js' {
  interface ServerConfig {
    /** Runtime overrides; the environment (`SCIMFLOW_WORKERS`, ...) fills in fields left out. */
    runtime?: Partial<RuntimeSettings>;
    /** The HTTP client factory of flow steps; tests pass one with short backoff. */
    runtimeHttpClient?: HttpClientFactory;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The durable runtime: dispatcher, workers and retention of this server. */
    flowRuntime: FlowRuntime;
  }
}

/**
 * Creates the runtime of a server and ties it to the app's lifecycle: it starts when the app is
 * ready, wakes after every commit that wrote events, and stops before the database closes.
 */
export function attachRuntime(app: FastifyInstance): FlowRuntime {
  const { config, db, secretBox } = app.scimflow;
  const settings: RuntimeSettings = {
    ...DEFAULT_RUNTIME_SETTINGS,
    ...loadRuntimeSettings(process.env),
    ...config.runtime,
  };

  const runtime = new FlowRuntime({
    db,
    settings,
    logger: app.log as RuntimeLogger,
    writes: app.scimWrites,
    resolveCredential: async (name) => {
      try {
        return await resolveCredential(db, secretBox, name);
      } catch (error) {
        // The runtime turns a missing credential into a step failure that is not retried.
        if (error instanceof CredentialNotFoundError) return undefined;
        throw error;
      }
    },
    ...(config.runtimeHttpClient ? { createHttpClient: config.runtimeHttpClient } : {}),
  });
  app.decorate('flowRuntime', runtime);

  if (settings.enabled) {
    app.onEventsCommitted(() => runtime.wake());
    app.addHook('onReady', async () => runtime.start());
  }
  // preClose runs before onClose, where the database closes.
  app.addHook('preClose', async () => runtime.stop());
  return runtime;
}
