import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { keyLockMemory } from '@scimflow/nodes';
import type { HttpClientFactory, RuntimeLogger } from '@scimflow/runtime';
import { CredentialNotFoundError, resolveCredential } from '../credentials/resolve.js';
import { RuntimeThread } from '../runtime-thread/runtime-thread.js';
import { RuntimeThreadPool } from '../runtime-thread/thread-pool.js';
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
    /** The threads that run flows, when `settings.threads` is above 0. */
    runtimeThreads: RuntimeThreadPool | undefined;
  }
}

/**
 * Creates the runtime of a server and ties it to the app's lifecycle: it starts when the app is
 * ready, wakes after every commit that wrote events, and stops before the database closes.
 *
 * With `settings.threads` above 0, dispatching and executions run in that many runtime threads,
 * and the runtime of the main thread only serves test runs and admin reads. A configured
 * `runtimeHttpClient` (tests) keeps everything in the main thread, because a function cannot
 * be sent to another thread.
 */
export function attachRuntime(app: FastifyInstance): FlowRuntime {
  const { config, db, secretBox, secretKey } = app.scimflow;
  const settings: RuntimeSettings = {
    ...DEFAULT_RUNTIME_SETTINGS,
    ...loadRuntimeSettings(process.env),
    ...config.runtime,
  };
  const threads =
    settings.enabled && settings.threads > 0 && !config.runtimeHttpClient
      ? new RuntimeThreadPool(
          Array.from(
            { length: settings.threads },
            (_, index) =>
              new RuntimeThread(
                {
                  dataDir: config.dataDir,
                  settings,
                  secretKey,
                  logLevel: config.logLevel === false ? 'silent' : config.logLevel,
                  commitSignal: app.scimWrites.signal.buffer,
                  keyLocks: keyLockMemory(),
                  recoverTestRuns: index === 0,
                },
                app.log,
                logWriter(app),
              ),
          ),
        )
      : undefined;

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
    ...(threads ? { remote: threads } : {}),
  });
  app.decorate('flowRuntime', runtime);
  app.decorate('runtimeThreads', threads);

  if (settings.enabled) {
    app.onEventsCommitted(() => runtime.wake());
    app.addHook('onReady', async () => (threads ? threads.start() : runtime.start()));
  }
  // preClose runs before onClose, where the database closes.
  app.addHook('preClose', async () => {
    await threads?.stop();
    await runtime.stop();
  });
  return runtime;
}

/** Returns a function that writes finished log lines to the app logger's destination. */
function logWriter(app: FastifyInstance): (text: string) => void {
  const destination = (app.log as unknown as Record<symbol, { write(text: string): void }>)[
    pino.symbols.streamSym
  ];
  return (text) => destination?.write(text);
}
