import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AdminError } from '../admin/admin-errors.js';
import { documented } from '../openapi/route-doc.js';
import { ExecutionSummarySchema, ExecutionViewSchema } from './execution-view.js';
import { getExecution, listExecutions } from './execution-queries.js';
import { retryExecution } from './retry.js';

const isoTime = z
  .string()
  .refine((text) => !Number.isNaN(Date.parse(text)), 'must be an ISO 8601 date-time')
  .transform((text) => Date.parse(text));

const ListQuery = z.object({
  flowId: z.string().min(1).optional(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']).optional(),
  resource: z.string().min(1).optional(),
  since: isoTime.optional(),
  until: isoTime.optional(),
  test: z.enum(['true', 'false']).optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const RetryBody = z.object({ fromFailedStep: z.boolean().default(false) }).default({
  fromFailedStep: false,
});

const ExecutionIdParams = z.object({ id: z.string() });

const ExecutionPageSchema = z.object({
  items: z.array(ExecutionSummarySchema),
  nextBefore: z
    .number()
    .int()
    .optional()
    .describe('Pass as `before` to read the next page; absent on the last page'),
});

const TAG = 'Executions';

/**
 * `GET /api/executions`, `GET /api/executions/:id` and `POST /api/executions/:id/retry`.
 * Lists leave test runs out unless `test=true`, which lists only them.
 */
export async function executionRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.scimflow;

  app.get(
    '/executions',
    documented({
      tag: TAG,
      summary: 'List executions newest first',
      query: ListQuery,
      response: ExecutionPageSchema,
    }),
    async (request) => {
      const query = ListQuery.parse(request.query);
      const { test, ...filter } = query;
      return listExecutions(db, { ...filter, test: test === 'true' });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/executions/:id',
    documented({
      tag: TAG,
      summary: 'Read an execution with the journal of its steps',
      params: ExecutionIdParams,
      response: ExecutionViewSchema,
    }),
    async (request) => {
      const execution = await getExecution(db, request.params.id);
      if (!execution) {
        throw new AdminError(
          404,
          'execution_not_found',
          `No execution with id "${request.params.id}"`,
        );
      }
      return execution;
    },
  );

  app.post<{ Params: { id: string } }>(
    '/executions/:id/retry',
    documented({
      tag: TAG,
      summary:
        'Retry a failed execution, from the start or from its failed step; 200 when that retry exists already',
      params: ExecutionIdParams,
      body: RetryBody,
      status: 201,
      response: ExecutionViewSchema,
    }),
    async (request, reply) => {
      const body = RetryBody.parse(request.body ?? {});
      const result = await retryExecution(db, request.params.id, body.fromFailedStep);
      request.log.info(
        {
          executionId: request.params.id,
          retryId: result.executionId,
          fromFailedStep: body.fromFailedStep,
        },
        'execution retry queued',
      );
      app.flowRuntime.wakeWorkers();

      const execution = await getExecution(db, result.executionId);
      return reply.status(result.created ? 201 : 200).send(execution);
    },
  );
}
