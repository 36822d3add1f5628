import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ProvisioningEventSchema } from '@scimflow/flow';
import { documented } from '../openapi/route-doc.js';

const EventsQuery = z.object({
  endpoint: z.string().optional(),
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** A stored event with its global acceptance order, which `after` pages by. */
const StoredEventSchema = ProvisioningEventSchema.extend({ sequence: z.number().int() });

/** `GET /api/events`: provisioning events in acceptance order, after a sequence number. */
export async function eventRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/events',
    documented({
      tag: 'Events',
      summary: 'List provisioning events in acceptance order, after a sequence number',
      query: EventsQuery,
      response: z.array(StoredEventSchema),
    }),
    async (request) => {
      const query = EventsQuery.parse(request.query);

      let select = app.scimflow.db
        .selectFrom('events')
        .selectAll()
        .where('sequence', '>', query.after)
        .orderBy('sequence')
        .limit(query.limit);
      if (query.endpoint) select = select.where('endpoint', '=', query.endpoint);

      const rows = await select.execute();
      return rows.map((row) => ({
        sequence: row.sequence,
        ...(JSON.parse(row.payload) as object),
      }));
    },
  );
}
