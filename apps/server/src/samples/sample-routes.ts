import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ProvisioningEventSchema } from '@scimflow/flow';
import { documented } from '../openapi/route-doc.js';
import { listSamples } from './samples.js';

const SampleSchema = z.object({
  id: z.string(),
  label: z.string(),
  source: z.enum(['builtin', 'recorded']),
  event: ProvisioningEventSchema,
});

/** `GET /api/samples`: events for test runs, built-in and recorded. */
export async function sampleRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/samples',
    documented({
      tag: 'Samples',
      summary: 'List built-in sample events and the newest events recorded at the endpoints',
      response: z.array(SampleSchema),
    }),
    async () => listSamples(app.scimflow.db),
  );
}
