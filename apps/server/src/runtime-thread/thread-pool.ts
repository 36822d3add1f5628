import type { MetricObjectWithValues, MetricValue } from 'prom-client';
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

  /** Returns the metrics of every thread, to aggregate with the main thread's. */
  async metrics(): Promise<MetricObjectWithValues<MetricValue<string>>[][]> {
    return Promise.all(this.threads.map((thread) => thread.metrics()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.stop()));
  }
}
