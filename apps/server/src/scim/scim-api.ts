import type { FastifyInstance } from 'fastify';
import { detectDialect } from './dialect.js';
import { discoveryRoutes } from './discovery-routes.js';
import { groupRoutes } from './groups/group-routes.js';
import { useScimErrors } from './scim-reply.js';
import { useScimScope } from './scim-scope.js';
import { userRoutes } from './users/user-routes.js';

// Allowed methods by path shape, for 405 responses: `/<slug>/<collection>` and `/<slug>/<collection>/<id>`.
const ROUTE_METHODS: [RegExp, string[]][] = [
  [/^\/scim\/v2\/[^/]+\/(Users|Groups)\/?$/i, ['GET', 'POST']],
  [/^\/scim\/v2\/[^/]+\/(Users|Groups)\/[^/]+\/?$/i, ['GET', 'PUT', 'PATCH', 'DELETE']],
  [/^\/scim\/v2\/[^/]+\/(ServiceProviderConfig|ResourceTypes|Schemas)(\/[^/]+)?\/?$/i, ['GET']],
];

/** Registers the SCIM 2.0 API of every endpoint under `/scim/v2/<slug>`. */
export async function scimApi(app: FastifyInstance): Promise<void> {
  useScimScope(app, (request) => detectDialect(request.headers['user-agent'], request.url));
  useScimErrors(app, (path) => ROUTE_METHODS.find(([pattern]) => pattern.test(path))?.[1]);

  await app.register(discoveryRoutes);
  await app.register(userRoutes);
  await app.register(groupRoutes);
}
