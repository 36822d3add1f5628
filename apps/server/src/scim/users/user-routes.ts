import type { FastifyInstance, FastifyRequest } from 'fastify';
import { projectResource } from '@scimflow/scim';
import { listResponse, parseListQuery, projectionParams, type ListQuery } from '../list-query.js';
import { listUsers } from './user-list.js';
import { UserService } from './user-service.js';
import { userStatements } from './user-statements.js';
import { withoutUserStoreDomain } from './user-store-domain.js';

type IdRequest = FastifyRequest<{
  Params: { slug: string; id: string };
  Querystring: Record<string, unknown>;
}>;

function service(app: FastifyInstance, request: FastifyRequest): UserService {
  // The scope's onRequest hook has authenticated the endpoint before any handler runs.
  return new UserService(app, request.scimEndpoint!, request.dialect);
}

/** `/Users` routes of a SCIM endpoint (RFC 7644 sections 3.3 to 3.6). */
export async function userRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/:slug/Users',
    async (request: FastifyRequest<{ Querystring: Record<string, unknown> }>) => {
      const users = service(app, request);
      const query = parseListQuery(request.query, 'User');
      const list = (listed: ListQuery) =>
        listUsers(
          app.scimflow.db,
          request.scimEndpoint!.id,
          listed,
          users,
          userStatements(app.scimWrites.sqlite),
        );

      // Only WSO2 prefixes user-store domains, so other clients' names are matched as sent.
      let result = await list(query);
      const withoutDomain =
        result.total === 0 && request.dialect === 'asgardeo-scim2' && query.filter
          ? withoutUserStoreDomain(query.filter)
          : undefined;
      if (withoutDomain) result = await list({ ...query, filter: withoutDomain });

      return listResponse(result.page, result.total, query, 'User');
    },
  );

  app.post('/:slug/Users', async (request, reply) => {
    const users = service(app, request);
    const resource = await users.create(request.body);
    return reply
      .status(201)
      .header('location', (resource.meta as { location: string }).location)
      .send(
        projectResource(
          resource,
          projectionParams(request.query as Record<string, unknown>),
          'User',
        ),
      );
  });

  app.get('/:slug/Users/:id', async (request: IdRequest) => {
    const users = service(app, request);
    const resource = await users.get(request.params.id);
    return projectResource(resource, projectionParams(request.query), 'User');
  });

  app.put('/:slug/Users/:id', async (request: IdRequest) => {
    const users = service(app, request);
    const resource = await users.replace(request.params.id, request.body);
    return projectResource(resource, projectionParams(request.query), 'User');
  });

  app.patch('/:slug/Users/:id', async (request: IdRequest) => {
    const users = service(app, request);
    const resource = await users.patch(request.params.id, request.body);
    return projectResource(resource, projectionParams(request.query), 'User');
  });

  app.delete('/:slug/Users/:id', async (request: IdRequest, reply) => {
    await service(app, request).delete(request.params.id);
    return reply.status(204).send();
  });
}
