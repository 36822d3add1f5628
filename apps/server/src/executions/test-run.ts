import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ProvisioningEventSchema, type ProvisioningEvent } from '@scimflow/flow';
import { resourceKeyOf, runExecution, type RuntimeLogger } from '@scimflow/runtime';
import { AdminError } from '../admin/admin-errors.js';
import { documented } from '../openapi/route-doc.js';
import { credentialSecrets } from '../credentials/credential-secrets.js';
import type { Database } from '../db/schema.js';
import { resourceDisplay } from '../runtime/dispatcher.js';
import { loadDraft } from '../runtime/flow-source.js';
import { SqlJournal } from '../runtime/sql-journal.js';
import { findSampleEvent } from '../samples/samples.js';
import { getExecution } from './execution-queries.js';
import { ExecutionViewSchema } from './execution-view.js';

const TestRunBody = z
  .object({
    event: ProvisioningEventSchema.optional(),
    sampleId: z.string().min(1).optional(),
    /** Defaults to a dry run, so a test run sends nothing that writes unless asked to. */
    dryRun: z.boolean().default(true),
  })
  .refine((body) => body.event !== undefined || body.sampleId !== undefined, {
    message: 'Send "event" (a ProvisioningEvent) or "sampleId" (from GET /api/samples)',
  });

/** Returns the event of a built-in or recorded sample; throws 404 when the id is unknown. */
async function sampleEvent(db: Kysely<Database>, sampleId: string): Promise<ProvisioningEvent> {
  const event = await findSampleEvent(db, sampleId);
  if (!event) {
    throw new AdminError(
      404,
      'sample_not_found',
      `No sample with id "${sampleId}"; pick one from GET /api/samples or send "event" instead`,
    );
  }
  return event;
}

/**
 * `POST /api/flows/:id/test-run`: runs the flow's draft on one event right away, without the
 * queue. A dry run makes connectors report the calls they would make and send nothing that
 * writes. The run is stored as a test execution, left out of live lists, and returned with its
 * steps.
 */
export async function testRunRoute(app: FastifyInstance): Promise<void> {
  const { db } = app.scimflow;

  app.post<{ Params: { id: string } }>(
    '/flows/:id/test-run',
    documented({
      tag: 'Executions',
      summary: "Run the flow's draft on one event now, dry unless asked, and return the execution",
      params: z.object({ id: z.string() }),
      body: TestRunBody,
      response: ExecutionViewSchema,
    }),
    async (request) => {
      const flowId = request.params.id;
      const body = TestRunBody.parse(request.body ?? {});
      const draft = await loadDraft(db, flowId);
      if (!draft) throw new AdminError(404, 'flow_not_found', `No flow with id "${flowId}"`);
      const event = body.event ?? (await sampleEvent(db, body.sampleId!));

      const executionId = crypto.randomUUID();
      const now = Date.now();
      await db
        .insertInto('executions')
        .values({
          id: executionId,
          flow_id: flowId,
          flow_version: null,
          flow_name: draft.flowName,
          event_id: event.id,
          sequence: null,
          event_type: event.type,
          event_payload: JSON.stringify(event),
          resource_key: resourceKeyOf(event),
          resource_type: event.resourceType,
          resource_id: event.resourceId,
          resource_display: resourceDisplay(event),
          status: 'running',
          attempts: 1,
          dry_run: body.dryRun ? 1 : 0,
          test: 1,
          not_before: 0,
          queued_at: now,
          started_at: now,
        })
        .execute();

      const log = request.log.child({ executionId, flowId });
      log.info({ dryRun: body.dryRun, eventType: event.type }, 'test run started');
      const result = await runExecution({
        executionId,
        document: draft.document,
        event,
        journal: new SqlJournal(db),
        dryRun: body.dryRun,
        resolveCredential: (name) => app.flowRuntime.resolveCredential(name),
        secretsOf: credentialSecrets,
        logger: log as RuntimeLogger,
        ...(app.flowRuntime.allowedHosts ? { allowedHosts: app.flowRuntime.allowedHosts } : {}),
        ...(app.scimflow.config.runtimeHttpClient
          ? { createHttpClient: app.scimflow.config.runtimeHttpClient }
          : {}),
      });

      await db
        .updateTable('executions')
        .set({
          status: result.status,
          error: result.error?.message ?? null,
          failed_node_id: result.error?.nodeId || null,
          finished_at: Date.now(),
        })
        .where('id', '=', executionId)
        .execute();
      log.info({ status: result.status, steps: result.steps.length }, 'test run finished');

      return getExecution(db, executionId);
    },
  );
}
