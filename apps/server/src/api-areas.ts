import type { FastifyPluginAsync } from 'fastify';
import { endpointRoutes } from './admin/endpoint-routes.js';
import { eventRoutes } from './admin/event-routes.js';
import { executionsApi } from './executions/executions-api.js';
import { credentialRoutes } from './credentials/credential-routes.js';
import { flowAreas } from './flows/flows-api.js';
import { sampleRoutes } from './samples/sample-routes.js';
import { openapiRoutes } from './openapi/openapi-routes.js';
import { settingsRoutes } from './admin/settings-routes.js';

/**
 * Plugins registered under `/api` behind the admin session and CSRF check. Each area appends
 * its plugin here (flows, credentials, executions); routes inside read `request.adminSession`.
 */
export const adminAreas: FastifyPluginAsync[] = [
  endpointRoutes,
  eventRoutes,
  executionsApi,
  flowAreas,
  credentialRoutes,
  sampleRoutes,
  openapiRoutes,
  settingsRoutes,
];
