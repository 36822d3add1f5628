import type { Kysely } from 'kysely';
import { HostAllowlist } from '@scimflow/nodes';
import {
  bindingLogger,
  ExecutionScheduler,
  type ExecutionResult,
  type HttpClientFactory,
  type RuntimeLogger,
} from '@scimflow/runtime';
import type { Database } from '../db/schema.js';
import type { WriteQueue } from '../db/write-queue.js';
import { Dispatcher } from './dispatcher.js';
import { SqlExecutionStore } from './execution-store.js';
import { Executor, type CredentialResolver } from './executor.js';
import { pruneRetention } from './retention.js';
import { RuntimeStatements } from './runtime-statements.js';
import { VersionCache } from './version-cache.js';
import type { RuntimeSettings } from './settings.js';

/** Wait between the first wake-up and a dispatch pass, in milliseconds. */
const DISPATCH_DELAY_MS = 5;

/** Dependencies and settings of the runtime, supplied by the server. */
export interface FlowRuntimeOptions {
  db: Kysely<Database>;
  settings: RuntimeSettings;
  resolveCredential: CredentialResolver;
  logger: RuntimeLogger;
  createHttpClient?: HttpClientFactory;
  onResult?: (result: ExecutionResult, durationMs: number) => void;
  /**
   * The server's group commit. With it, journal writes and completions share transactions with
   * other writes, and the hot statements are prepared once. Without it, each runs on Kysely.
   */
  writes?: WriteQueue;
  /**
   * The runtime that dispatches and runs executions when it is not this one: the runtime thread.
   * This instance then only serves test runs and admin reads, and forwards wake-ups.
   */
  remote?: { wake(): void; wakeWorkers(): void };
  /**
   * False skips failing the test runs that a stopped process left running, for a runtime thread
   * that restarts while the main thread may be running a test run. Default true.
   */
  recoverTestRuns?: boolean;
}

/**
 * The durable runtime of one server process: a dispatcher that turns committed events into
 * queued executions, workers that run them with per-resource order, and periodic retention
 * pruning. Everything it needs to resume lives in the database, so a restart after a crash
 * continues where the process stopped once the dead process's leases run out.
 */
export class FlowRuntime {
  readonly store: SqlExecutionStore;
  readonly dispatcher: Dispatcher;
  readonly executor: Executor;
  /** Decrypts a credential by name for one step; test runs use it too. */
  readonly resolveCredential: CredentialResolver;
  /** The hosts that steps may send HTTP requests to (`SCIMFLOW_HTTP_ALLOWED_HOSTS`); test runs use it too. */
  readonly allowedHosts: HostAllowlist | undefined;
  private readonly scheduler: ExecutionScheduler;
  private readonly logger: RuntimeLogger;
  private timers: NodeJS.Timeout[] = [];
  private dispatching: Promise<void> | undefined;
  private dispatchAgain = false;
  private started = false;
  private stopped = false;

  constructor(private readonly options: FlowRuntimeOptions) {
    const { db, settings } = options;
    // Plain bindings instead of pino children, which cost more than the runtime's lines.
    this.logger = bindingLogger(options.logger, { component: 'runtime' });
    this.resolveCredential = options.resolveCredential;
    this.allowedHosts =
      settings.httpAllowedHosts === undefined
        ? undefined
        : HostAllowlist.parse(settings.httpAllowedHosts);
    const statements = options.writes ? new RuntimeStatements(db, options.writes) : undefined;
    this.store = new SqlExecutionStore(db, Math.min(1_000, settings.leaseMs), statements);
    const versions = new VersionCache(db);
    this.dispatcher = new Dispatcher(db, this.logger, undefined, versions, statements?.dispatch);
    this.executor = new Executor({
      db,
      resolveCredential: options.resolveCredential,
      logger: this.logger,
      maxAttempts: settings.maxAttempts,
      versions,
      ...(this.allowedHosts ? { allowedHosts: this.allowedHosts } : {}),
      ...(statements ? { statements } : {}),
      ...(options.createHttpClient ? { createHttpClient: options.createHttpClient } : {}),
      ...(options.onResult ? { onResult: options.onResult } : {}),
    });
    this.scheduler = new ExecutionScheduler({
      store: this.store,
      execute: (claimed, signal) => this.executor.execute(claimed, signal),
      workers: settings.workers,
      leaseMs: settings.leaseMs,
      pollMs: settings.pollMs,
      maxAttempts: settings.maxAttempts,
      backoff: (retry) =>
        Math.min(settings.retryBaseDelayMs * 2 ** (retry - 1), settings.retryMaxDelayMs),
      workerIdPrefix: `${process.pid}-worker`,
      logger: this.logger,
    });
  }

  /** Starts dispatching, the workers and pruning. Calling it twice starts nothing more. */
  start(): void {
    if (this.started || this.stopped || this.options.remote) return;
    this.started = true;
    const { settings } = this.options;

    if (this.options.recoverTestRuns !== false) void this.failInterruptedTestRuns();
    this.scheduler.start();
    this.timers.push(setInterval(() => this.wake(), settings.pollMs));
    this.timers.push(setInterval(() => void this.prune(), settings.pruneIntervalMs));
    this.wake();
    this.logger.info(
      { workers: settings.workers, maxAttempts: settings.maxAttempts, leaseMs: settings.leaseMs },
      'runtime started',
    );
  }

  /**
   * Dispatches new events and wakes idle workers. The SCIM commit hook calls it; calls during a
   * dispatch pass coalesce into one more pass.
   */
  wake(): void {
    if (this.options.remote) return this.options.remote.wake();
    if (!this.started || this.stopped) return;
    if (this.dispatching) {
      this.dispatchAgain = true;
      return;
    }
    // A short delay gathers the events of concurrent SCIM requests into one dispatch batch.
    this.dispatching = new Promise((resolve) => setTimeout(resolve, DISPATCH_DELAY_MS))
      .then(() => this.dispatchLoop())
      .finally(() => {
        this.dispatching = undefined;
      });
  }

  /** Wakes idle workers without dispatching, after an admin retry queued an execution. */
  wakeWorkers(): void {
    if (this.options.remote) return this.options.remote.wakeWorkers();
    this.scheduler.wake();
  }

  /**
   * Resolves when every dispatched event's executions have finished, including retries that
   * wait for their backoff; rejects after `timeoutMs`. For tests and benchmarks.
   */
  async settled(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.dispatcher.drain();
      this.wakeWorkers();
      if ((await this.store.unfinishedCount()) === 0) return;
      if (Date.now() > deadline) {
        throw new Error(`Executions were still unfinished after ${timeoutMs} ms.`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Deletes finished executions and events beyond the retention caps. */
  async prune(): Promise<void> {
    try {
      const pruned = await pruneRetention(this.options.db, this.options.settings);
      if (pruned.executions + pruned.testRuns + pruned.events > 0) {
        this.logger.info({ ...pruned }, 'retention pruned executions and events');
      }
    } catch (error) {
      this.logger.error({ err: String(error) }, 'retention pruning failed');
    }
  }

  /**
   * Stops claiming, waits up to `stopTimeoutMs` for running executions, then returns. Executions
   * still running after the wait keep their lease and resume after the next start.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    if (!this.started) return;

    await this.dispatching;
    let timeout: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timeout = setTimeout(() => resolve(true), this.options.settings.stopTimeoutMs);
    });
    const finished = this.scheduler.stop().then(() => false);
    const late = await Promise.race([finished, timedOut]);
    clearTimeout(timeout);
    if (late) {
      this.logger.warn(
        { stopTimeoutMs: this.options.settings.stopTimeoutMs },
        'runtime stopped with executions still running; they resume after the next start',
      );
      return;
    }
    this.logger.info({}, 'runtime stopped');
  }

  /**
   * Marks test runs left `running` by a process that stopped mid-run as failed. Test runs are
   * never queued, so nothing else would finish them.
   */
  private async failInterruptedTestRuns(): Promise<void> {
    try {
      const result = await this.options.db
        .updateTable('executions')
        .set({
          status: 'failed',
          error: 'The server stopped during this test run. Start the test run again.',
          finished_at: Date.now(),
        })
        .where('test', '=', 1)
        .where('status', '=', 'running')
        .executeTakeFirst();
      const count = Number(result.numUpdatedRows);
      if (count > 0) this.logger.warn({ count }, 'interrupted test runs marked as failed');
    } catch (error) {
      this.logger.error({ err: String(error) }, 'marking interrupted test runs failed');
    }
  }

  private async dispatchLoop(): Promise<void> {
    do {
      this.dispatchAgain = false;
      try {
        const pass = await this.dispatcher.drain();
        if (pass.executions > 0) this.scheduler.wake();
      } catch (error) {
        // The cursor did not move, so the next wake-up or poll dispatches these events again.
        this.logger.error({ err: String(error) }, 'dispatching events failed');
      }
    } while (this.dispatchAgain && !this.stopped);
  }
}
