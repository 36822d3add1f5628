import type { MetricObjectWithValues, MetricValue } from 'prom-client';

/** The metrics objects of one registry, as `getMetricsAsJSON()` returns them. */
export type ThreadMetrics = MetricObjectWithValues<MetricValue<string>>[];

/** The reason a runtime thread's metrics are missing from a scrape. */
export type MissingReason = 'timed out' | 'thread exited' | 'thread not running';

/** The outcome of one metrics request to a runtime thread. */
export type ThreadMetricsReply =
  | { received: true; threadId: number; metrics: ThreadMetrics }
  | { received: false; threadId: number | undefined; reason: MissingReason };

interface PendingRequest {
  threadId: number;
  resolve: (reply: ThreadMetricsReply) => void;
  timer: NodeJS.Timeout;
}

/**
 * The metrics requests that one runtime thread has not replied to yet. Every request settles:
 * with the thread's reply, after its timeout, or when the thread exits.
 */
export class MetricsRequests {
  private nextId = 0;
  private readonly pending = new Map<number, PendingRequest>();

  /** Sends a request with `send(id)`. Resolves with the reply, or as missing after `timeoutMs`. */
  request(
    threadId: number,
    timeoutMs: number,
    send: (id: number) => void,
  ): Promise<ThreadMetricsReply> {
    const id = this.nextId++;

    return new Promise((resolve) => {
      const timer = setTimeout(
        () => this.settle(id, { received: false, threadId, reason: 'timed out' }),
        timeoutMs,
      );
      // A pending scrape must not keep the process alive on its own.
      timer.unref();
      this.pending.set(id, { threadId, resolve, timer });
      send(id);
    });
  }

  /** Settles the request `id` with the thread's metrics. A reply after the timeout is dropped. */
  receive(id: number, metrics: ThreadMetrics): void {
    const request = this.pending.get(id);
    if (!request) return;
    this.settle(id, { received: true, threadId: request.threadId, metrics });
  }

  /** Settles every pending request as missing, because the thread that would reply exited. */
  abandonAll(): void {
    for (const [id, request] of this.pending) {
      this.settle(id, { received: false, threadId: request.threadId, reason: 'thread exited' });
    }
  }

  private settle(id: number, reply: ThreadMetricsReply): void {
    const request = this.pending.get(id);
    if (!request) return;

    this.pending.delete(id);
    clearTimeout(request.timer);
    request.resolve(reply);
  }
}
