import type { FastifyBaseLogger } from 'fastify';
import type { ThreadMetrics } from '../runtime-thread/metrics-requests.js';
import type { RuntimeThreadPool } from '../runtime-thread/thread-pool.js';
import { runtimeThreadMetricsMissing } from './registry.js';

/**
 * How long a scrape waits for each runtime thread's metrics, in milliseconds. A thread whose
 * event loop is free replies within milliseconds, because flow steps mostly wait on I/O. Two
 * seconds leaves a busy thread room, and the scrape still ends well inside Prometheus' default
 * `scrape_timeout` of 10 s. So a stuck thread costs the scrape that thread's series, not the
 * whole scrape.
 */
export const RUNTIME_THREAD_METRICS_TIMEOUT_MS = 2_000;

/**
 * Collects the metrics of the runtime threads that reply in time. Sets
 * `scimflow_runtime_thread_metrics_missing` for every thread, and logs one warning per scrape
 * that names the threads left out.
 */
export async function collectRuntimeThreadMetrics(
  threads: RuntimeThreadPool,
  log: FastifyBaseLogger,
): Promise<ThreadMetrics[]> {
  const replies = await threads.metrics(RUNTIME_THREAD_METRICS_TIMEOUT_MS);

  const received: ThreadMetrics[] = [];
  const missing: { threadIndex: number; threadId: number | undefined; reason: string }[] = [];
  for (const [threadIndex, reply] of replies.entries()) {
    runtimeThreadMetricsMissing.set({ thread_index: String(threadIndex) }, reply.received ? 0 : 1);
    if (reply.received) received.push(reply.metrics);
    else missing.push({ threadIndex, threadId: reply.threadId, reason: reply.reason });
  }

  if (missing.length > 0) {
    log.warn(
      { missingThreads: missing, timeoutMs: RUNTIME_THREAD_METRICS_TIMEOUT_MS },
      'runtime thread metrics missing from scrape',
    );
  }
  return received;
}
