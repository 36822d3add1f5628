import type { FastifyInstance } from 'fastify';
import { executionRoutes } from './execution-routes.js';
import { testRunRoute } from './test-run.js';

/** Registers the admin API's executions area: execution list, detail and retry, and draft test runs. */
export async function executionsApi(app: FastifyInstance): Promise<void> {
  await app.register(executionRoutes);
  await app.register(testRunRoute);
}
