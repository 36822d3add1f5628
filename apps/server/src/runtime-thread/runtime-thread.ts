import { Worker } from 'node:worker_threads';
import type { FastifyBaseLogger } from 'fastify';
import { MetricsRequests, type ThreadMetricsReply } from './metrics-requests.js';
import type { FromRuntimeThread, RuntimeThreadData, ToRuntimeThread } from './protocol.js';

// A thread that stopped on its own starts again after this many milliseconds.
const RESTART_DELAY_MS = 1_000;

/**
 * The main thread's handle on the runtime thread: starts it, wakes it after commits, requests
 * its metrics, restarts it when it dies, and stops it. Executions left running by a thread that
 * died resume after their lease, as after a crash of the whole process.
 */
export class RuntimeThread {
  private worker: Worker | undefined;
  private stopping = false;
  private wakeQueued = false;
  private readonly metricsRequests = new MetricsRequests();
  private stopped: (() => void) | undefined;

  constructor(
    private data: RuntimeThreadData,
    private readonly log: FastifyBaseLogger,
    /** Writes log lines of the thread to the server's log destination. */
    private readonly writeLog: (text: string) => void,
  ) {}

  /** Starts the thread; resolves once it has opened the database and started the runtime. */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./entry.mjs', import.meta.url), {
        workerData: this.data,
        // Workspace packages resolve to their TypeScript sources, as in the main thread, and a
        // CPU profile of the server (`--cpu-prof`) covers this thread too.
        execArgv: [
          ...process.execArgv.filter((argument) => argument.startsWith('--cpu-prof')),
          '--conditions=@scimflow/source',
        ],
      });
      this.worker = worker;
      // After the thread exits, `worker.threadId` reads -1, so the exit log keeps this copy.
      const threadId = worker.threadId;

      worker.on('message', (message: FromRuntimeThread) => {
        if (message.type === 'ready') {
          this.log.info({ threadId }, 'runtime thread started');
          resolve();
        } else if (message.type === 'failed') {
          reject(new Error(`The runtime thread failed to start: ${message.message}`));
        } else this.receive(message);
      });
      worker.on('error', (error) => {
        this.log.error({ err: error, threadId }, 'runtime thread failed');
        reject(error);
      });
      worker.on('exit', (code) => this.exited(worker, threadId, code));
    });
  }

  /**
   * Tells the thread that events were committed. Every SCIM write of a batch calls it after the
   * commit, so the calls of one event-loop turn share one message, which costs more than the rest.
   */
  wake(): void {
    if (this.wakeQueued) return;
    this.wakeQueued = true;
    setImmediate(() => {
      this.wakeQueued = false;
      this.post({ type: 'wake' });
    });
  }

  /** Tells the thread that an execution was queued without a new event (an admin retry). */
  wakeWorkers(): void {
    this.post({ type: 'wakeWorkers' });
  }

  /**
   * Requests the thread's execution, step and retry metrics. Resolves as missing when the thread
   * is not running, does not reply within `timeoutMs`, or exits first.
   */
  metrics(timeoutMs: number): Promise<ThreadMetricsReply> {
    const worker = this.worker;
    if (!worker) {
      return Promise.resolve({
        received: false,
        threadId: undefined,
        reason: 'thread not running',
      });
    }

    return this.metricsRequests.request(worker.threadId, timeoutMs, (id) =>
      this.post({ type: 'metrics', id }),
    );
  }

  /**
   * Blocks the thread's event loop for `milliseconds`, as long synchronous work in a step would,
   * so that it cannot reply to messages meanwhile. Only tests call it.
   */
  blockForTests(milliseconds: number): void {
    this.post({ type: 'block', milliseconds });
  }

  /** Stops the runtime in the thread (it waits for running executions) and ends the thread. */
  async stop(): Promise<void> {
    this.stopping = true;
    const worker = this.worker;
    if (!worker) return;

    await new Promise<void>((resolve) => {
      this.stopped = resolve;
      worker.once('exit', () => resolve());
      this.post({ type: 'stop' });
    });
    this.worker = undefined;
  }

  private receive(message: FromRuntimeThread): void {
    if (message.type === 'log') this.writeLog(message.text);
    else if (message.type === 'metrics') this.metricsRequests.receive(message.id, message.metrics);
    else if (message.type === 'stopped') this.stopped?.();
  }

  private exited(worker: Worker, threadId: number, code: number): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    // The exited thread never replies, so its pending scrapes end now instead of at their timeout.
    this.metricsRequests.abandonAll();
    if (this.stopping) return;

    this.log.error(
      { threadId, exitCode: code, restartInMs: RESTART_DELAY_MS },
      'runtime thread stopped unexpectedly; restarting it',
    );
    // Test runs in the main thread may be running now, so a restart leaves them alone.
    this.data = { ...this.data, recoverTestRuns: false };
    setTimeout(() => {
      if (this.stopping) return;
      this.start().catch((error: unknown) =>
        this.log.error({ err: error }, 'runtime thread did not restart'),
      );
    }, RESTART_DELAY_MS).unref();
  }

  private post(message: ToRuntimeThread): void {
    this.worker?.postMessage(message);
  }
}
