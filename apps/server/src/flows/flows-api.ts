import type { FastifyInstance } from 'fastify';
import { flowRoutes } from './flow-routes.js';
import { transferRoutes } from './transfer-routes.js';
import { versionRoutes } from './version-routes.js';

/** Registers the flow routes of the admin API: flows and drafts, published versions, import and export. */
export async function flowAreas(app: FastifyInstance): Promise<void> {
  await app.register(flowRoutes);
  await app.register(versionRoutes);
  await app.register(transferRoutes);
}
