import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseUser, scimErrors } from '@scimflow/scim';
import { useScimErrors } from '../scim-reply.js';
import { useScimScope } from '../scim-scope.js';
import { findUserByName } from '../users/user-rows.js';
import { UserService } from '../users/user-service.js';
import { withoutPrimaryDomain } from '../users/user-store-domain.js';

type SlugRequest = FastifyRequest<{ Params: { slug: string; name?: string } }>;

/**
 * The base URL of the old WSO2 `scim-choreo` connector, `/scim-choreo/<slug>`. The connector
 * POSTs and PUTs a SCIM 1.1 user to the base URL itself, identifies users by `userName`, and
 * DELETEs `<base>/<userName>` with each "/" of the name sent as ",". It sends
 * `Accept: text/plain` but reads no body, so responses are JSON as on the SCIM 2.0 routes.
 */
export async function legacyApi(app: FastifyInstance): Promise<void> {
  useScimScope(app, () => 'scim-choreo');
  useScimErrors(app, {
    routeMethods: (path) => (/^\/scim-choreo\/[^/]+\/?$/.test(path) ? ['POST', 'PUT'] : undefined),
  });

  const users = (request: FastifyRequest) =>
    new UserService(app, request.scimEndpoint!, 'scim-choreo');

  app.post('/:slug', async (request: SlugRequest, reply) => {
    const service = users(request);
    const resource = await service.create(request.body);
    return reply
      .status(201)
      .header('location', (resource.meta as { location: string }).location)
      .send(resource);
  });

  // PUT of an unknown userName creates the user, because the connector sends PUT for updates
  // of users it may never have created here.
  app.put('/:slug', async (request: SlugRequest, reply) => {
    const service = users(request);
    const userName = String(parseUser(request.body).userName);
    const existing = await findUserByName(app.scimflow.db, request.scimEndpoint!.id, userName);
    if (!existing) {
      const created = await service.create(request.body);
      return reply
        .status(201)
        .header('location', (created.meta as { location: string }).location)
        .send(created);
    }
    return service.replace(existing.id, request.body);
  });

  app.delete('/:slug/:name', async (request: SlugRequest, reply) => {
    const name = (request.params.name ?? '').replaceAll(',', '/');
    const endpointId = request.scimEndpoint!.id;

    // `DEFAULT/ines` is tried as sent, then without the primary user-store domain. A secondary
    // store's domain stays, so `SECONDARY/ines` never deletes the user `ines`.
    const withoutDomain = withoutPrimaryDomain(name);
    const existing =
      (await findUserByName(app.scimflow.db, endpointId, name)) ??
      (withoutDomain
        ? await findUserByName(app.scimflow.db, endpointId, withoutDomain)
        : undefined);
    if (!existing) throw scimErrors.notFound(`No user with userName "${name}"`);

    await users(request).delete(existing.id);
    return reply.status(204).send();
  });
}
