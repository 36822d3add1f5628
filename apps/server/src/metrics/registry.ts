import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The registry that `GET /metrics` serves. Metrics are module-level, so every server in one
 * process (tests start several) adds to the same series. Node's process metrics are included.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

/** SCIM requests by endpoint slug (`unknown` when the slug names no endpoint), method and status. */
export const scimRequestsTotal = new Counter({
  name: 'scimflow_scim_requests_total',
  help: 'SCIM responses sent, by endpoint slug, HTTP method and status code.',
  labelNames: ['endpoint', 'method', 'status'] as const,
  registers: [metricsRegistry],
});

/** Provisioning events accepted, by event type such as `user.created`. */
export const eventsAcceptedTotal = new Counter({
  name: 'scimflow_events_accepted_total',
  help: 'Provisioning events accepted at the SCIM endpoints, by event type.',
  labelNames: ['type'] as const,
  registers: [metricsRegistry],
});

/** Executions that finished, by flow id and final status, for the runtime to increment. */
export const executionsTotal = new Counter({
  name: 'scimflow_executions_total',
  help: 'Flow executions that finished, by flow id and status (succeeded or failed).',
  labelNames: ['flow', 'status'] as const,
  registers: [metricsRegistry],
});

/** Duration of each step in seconds, by node type and step status, for the runtime to observe. */
export const stepDurationSeconds = new Histogram({
  name: 'scimflow_step_duration_seconds',
  help: 'Duration of flow steps in seconds, by node type and step status.',
  labelNames: ['node_type', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  registers: [metricsRegistry],
});

/** Executions not yet finished, by status (`queued` or `running`), read from the database at each scrape. */
export const queueDepth = new Gauge({
  name: 'scimflow_queue_depth',
  help: 'Executions in the queue that have not finished, by status.',
  labelNames: ['status'] as const,
  registers: [metricsRegistry],
});

/** Repeated attempts by node type, for the runtime to increment once per repeated attempt. */
export const retriesTotal = new Counter({
  name: 'scimflow_retries_total',
  help: 'Attempts repeated after a failure, by node type.',
  labelNames: ['node_type'] as const,
  registers: [metricsRegistry],
});

/**
 * 1 for each runtime thread whose metrics the last scrape left out, by the thread's index in the
 * pool (0 up to `SCIMFLOW_RUNTIME_THREADS` - 1). That scrape's execution, step and retry series
 * then lack that thread's counts, so they may look lower than before.
 */
export const runtimeThreadMetricsMissing = new Gauge({
  name: 'scimflow_runtime_thread_metrics_missing',
  help: '1 when the last scrape left out this runtime thread, which did not reply in time or was restarting, else 0. While 1, the execution, step and retry series lack its counts.',
  labelNames: ['thread_index'] as const,
  registers: [metricsRegistry],
});
