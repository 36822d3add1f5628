import type { FastifyInstance } from 'fastify';
import { detectDialect } from './dialect.js';
import { discoveryRoutes } from './discovery-routes.js';
import { groupRoutes } from './groups/group-routes.js';
import { useScimErrors } from './scim-reply.js';
import { useScimScope } from './scim-scope.js';
import { userRoutes } from './users/user-routes.js';

// Allowed methods by path shape, for 405 responses: `/<slug>/<collection>` and `/<slug>/<collection>/<id>`.
// The routes match the collection names case-sensitively, so these patterns do too.
const ROUTE_METHODS: [RegExp, string[]][] = [
  [/^\/scim\/v2\/[^/]+\/(Users|Groups)\/?$/, ['GET', 'POST']],
  [/^\/scim\/v2\/[^/]+\/(Users|Groups)\/[^/]+\/?$/, ['GET', 'PUT', 'PATCH', 'DELETE']],
  [/^\/scim\/v2\/[^/]+\/(ServiceProviderConfig|ResourceTypes|Schemas)(\/[^/]+)?\/?$/, ['GET']],
];

const COLLECTIONS = ['Users', 'Groups', 'ServiceProviderConfig', 'ResourceTypes', 'Schemas'];

/**
 * Returns the path with its collection spelled as RFC 7644 §3.2 does (`/users` becomes `/Users`),
 * or undefined when the spelling is already right or names no collection. Operators paste the
 * User and Group endpoint URLs into the identity provider by hand, so a wrong case happens.
 */
function correctedCollectionPath(path: string): string | undefined {
  const match = /^(\/scim\/v2\/[^/]+\/)([^/]+)(.*)$/.exec(path);
  if (!match) return undefined;

  const [, prefix, collection = '', rest] = match;
  const canonical = COLLECTIONS.find((name) => name.toLowerCase() === collection.toLowerCase());
  if (canonical === undefined || canonical === collection) return undefined;
  return `${prefix}${canonical}${rest}`;
}

/** Registers the SCIM 2.0 API of every endpoint under `/scim/v2/<slug>`. */
export async function scimApi(app: FastifyInstance): Promise<void> {
  useScimScope(app, (request) => detectDialect(request.headers['user-agent'], request.url));
  useScimErrors(app, {
    routeMethods: (path) => ROUTE_METHODS.find(([pattern]) => pattern.test(path))?.[1],
    correctedPath: correctedCollectionPath,
  });

  await app.register(discoveryRoutes);
  await app.register(userRoutes);
  await app.register(groupRoutes);
}
