import type { ThreadMetricsReply } from './metrics-requests.js';
import type { RuntimeThread } from './runtime-thread.js';

/**
 * Several runtime threads driven as one. Each runs a full runtime on its own connection, and
 * they share the work as separate processes would. The dispatch cursor moves under the write
 * lock, and a claim takes an execution only while no other execution of its SCIM resource runs.
 */
export class RuntimeThreadPool {
  constructor(readonly threads: RuntimeThread[]) {}

  async start(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.start()));
  }

  wake(): void {
    for (const thread of this.threads) thread.wake();
  }

  wakeWorkers(): void {
    for (const thread of this.threads) thread.wakeWorkers();
  }

  /**
   * Requests every thread's metrics, to aggregate with the main thread's. The replies are in the
   * order of `threads`, and each waits at most `timeoutMs`.
   */
  async metrics(timeoutMs: number): Promise<ThreadMetricsReply[]> {
    return Promise.all(this.threads.map((thread) => thread.metrics(timeoutMs)));
  }

  async stop(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.stop()));
  }
}
