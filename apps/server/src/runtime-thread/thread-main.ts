import { parentPort, workerData } from 'node:worker_threads';
import { useKeyLockMemory } from '@scimflow/nodes';
import type { RuntimeLogger } from '@scimflow/runtime';
import { CredentialNotFoundError, resolveCredential } from '../credentials/resolve.js';
import { CommitSignal } from '../db/commit-signal.js';
import { openDatabase } from '../db/database.js';
import { WriteQueue } from '../db/write-queue.js';
import { metricsRegistry } from '../metrics/registry.js';
import { FlowRuntime } from '../runtime/flow-runtime.js';
import { createSecretBox } from '../security/secret-box.js';
import {
  RUNTIME_METRIC_NAMES,
  type FromRuntimeThread,
  type RuntimeThreadData,
  type ToRuntimeThread,
} from './protocol.js';
import { flushThreadLog, threadLogger } from './thread-log.js';

/**
 * The runtime thread: it opens its own connection to the server's SQLite file and runs the
 * dispatcher, the execution workers and retention there, so flows use other CPU cores while
 * the main thread serves SCIM requests. Every thread's connection writes. A writer waits for the
 * lock owner's commit (`WriteQueue`) or in SQLite's busy handler, and never deadlocks, because
 * every transaction begins IMMEDIATE.
 */
async function main(): Promise<void> {
  const port = parentPort!;
  const data = workerData as RuntimeThreadData;
  const send = (message: FromRuntimeThread) => port.postMessage(message);
  const log = threadLogger(port, data.logLevel);
  useKeyLockMemory(data.keyLocks);

  const database = await openDatabase(data.dataDir);
  const secretBox = createSecretBox(Buffer.from(data.secretKey));
  const runtime = new FlowRuntime({
    db: database.db,
    settings: data.settings,
    logger: log as RuntimeLogger,
    writes: new WriteQueue(database.db, database.sqlite, log, new CommitSignal(data.commitSignal)),
    recoverTestRuns: data.recoverTestRuns,
    resolveCredential: async (name) => {
      try {
        return await resolveCredential(database.db, secretBox, name);
      } catch (error) {
        // The runtime turns a missing credential into a step failure that is not retried.
        if (error instanceof CredentialNotFoundError) return undefined;
        throw error;
      }
    },
  });

  port.on('message', (message: ToRuntimeThread) => {
    if (message.type === 'wake') runtime.wake();
    else if (message.type === 'wakeWorkers') runtime.wakeWorkers();
    else if (message.type === 'metrics') {
      void metricsRegistry.getMetricsAsJSON().then((metrics) =>
        send({
          type: 'metrics',
          id: message.id,
          metrics: metrics.filter((metric) => RUNTIME_METRIC_NAMES.includes(metric.name)),
        }),
      );
    } else if (message.type === 'block') {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, message.milliseconds);
    } else if (message.type === 'stop') {
      void runtime
        .stop()
        .then(() => database.close())
        .then(() => {
          flushThreadLog(log);
          send({ type: 'stopped' });
          port.close();
        });
    }
  });

  runtime.start();
  send({ type: 'ready' });
}

main().catch((error: unknown) => {
  parentPort!.postMessage({
    type: 'failed',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  } satisfies FromRuntimeThread);
});
