import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AggregatorRegistry } from 'prom-client';
import { DatabaseMetrics } from './database-metrics.js';
import { checkMetricsAccess } from './metrics-access.js';
import { metricsRegistry, scimRequestsTotal } from './registry.js';
import { collectRuntimeThreadMetrics } from './thread-metrics.js';

/** Options of the metrics plugin. */
export interface MetricsOptions {
  /** Bearer token that `/metrics` requires; when absent, only loopback clients may read it. */
  token?: string;
}

/** URL prefixes of the SCIM APIs whose requests are counted. */
const SCIM_PREFIXES = ['/scim/v2/', '/scim-choreo/'];

/**
 * Serves Prometheus metrics at `GET /metrics` and counts SCIM requests. Register it on the root
 * instance before the SCIM routes: it adds its `onResponse` hook to the root (the plugin skips
 * Fastify's encapsulation), and scopes registered later inherit it.
 */
export async function metricsPlugin(app: FastifyInstance, options: MetricsOptions): Promise<void> {
  const databaseMetrics = await DatabaseMetrics.start(app.scimflow.db);

  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!SCIM_PREFIXES.some((prefix) => request.url.startsWith(prefix))) return;

    // Only slugs of existing endpoints become label values, so unknown URLs cannot add series.
    scimRequestsTotal.inc({
      endpoint: request.scimEndpoint?.slug ?? 'unknown',
      method: request.method,
      status: String(reply.statusCode),
    });
  });

  app.get('/metrics', async (request, reply) => {
    const denial = checkMetricsAccess(
      options.token,
      request.socket.remoteAddress,
      request.headers.authorization,
    );
    if (denial) {
      request.log.info({ ip: request.socket.remoteAddress }, 'metrics scrape rejected');
      if (denial.status === 401)
        reply.header('www-authenticate', 'Bearer realm="scimflow-metrics"');
      return reply
        .status(denial.status)
        .send({ error: { code: 'metrics_forbidden', message: denial.message } });
    }

    await databaseMetrics.refresh();
    reply.type(metricsRegistry.contentType);
    // Executions that ran in a runtime thread are counted in that thread's registry.
    const threads = app.runtimeThreads;
    if (!threads) return metricsRegistry.metrics();

    const threadMetrics = await collectRuntimeThreadMetrics(threads, request.log);
    const own = await metricsRegistry.getMetricsAsJSON();
    return AggregatorRegistry.aggregate([own, ...threadMetrics]).metrics();
  });
}

// Fastify registers a plugin marked like this in its parent's scope, as fastify-plugin does.
Object.assign(metricsPlugin, { [Symbol.for('skip-override')]: true });
