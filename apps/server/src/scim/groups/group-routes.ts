import type { FastifyInstance, FastifyRequest } from 'fastify';
import { projectResource } from '@scimflow/scim';
import { listResponse, parseListQuery, projectionParams } from '../list-query.js';
import { listGroups } from './group-list.js';
import { GroupService } from './group-service.js';

type IdRequest = FastifyRequest<{
  Params: { slug: string; id: string };
  Querystring: Record<string, unknown>;
}>;

function service(app: FastifyInstance, request: FastifyRequest): GroupService {
  // The scope's onRequest hook has authenticated the endpoint before any handler runs.
  return new GroupService(app, request.scimEndpoint!, request.dialect);
}

/** `/Groups` routes of a SCIM endpoint. PUT and PATCH return 200 with the group, members included. */
export async function groupRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/:slug/Groups',
    async (request: FastifyRequest<{ Querystring: Record<string, unknown> }>) => {
      const groups = service(app, request);
      const query = parseListQuery(request.query, 'Group');
      const { page, total } = await listGroups(
        app.scimflow.db,
        request.scimEndpoint!.id,
        query,
        (row, members) => groups.render(row, members),
      );
      return listResponse(page, total, query, 'Group');
    },
  );

  app.post('/:slug/Groups', async (request, reply) => {
    const resource = await service(app, request).create(request.body);
    return reply
      .status(201)
      .header('location', (resource.meta as { location: string }).location)
      .send(
        projectResource(
          resource,
          projectionParams(request.query as Record<string, unknown>),
          'Group',
        ),
      );
  });

  app.get('/:slug/Groups/:id', async (request: IdRequest) => {
    const resource = await service(app, request).get(request.params.id);
    return projectResource(resource, projectionParams(request.query), 'Group');
  });

  app.put('/:slug/Groups/:id', async (request: IdRequest) => {
    const resource = await service(app, request).replace(request.params.id, request.body);
    return projectResource(resource, projectionParams(request.query), 'Group');
  });

  app.patch('/:slug/Groups/:id', async (request: IdRequest) => {
    const resource = await service(app, request).patch(request.params.id, request.body);
    return projectResource(resource, projectionParams(request.query), 'Group');
  });

  app.delete('/:slug/Groups/:id', async (request: IdRequest, reply) => {
    await service(app, request).delete(request.params.id);
    return reply.status(204).send();
  });
}
