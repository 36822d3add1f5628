import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { canPublish, validateFlow } from '@scimflow/flow';
import { createValidationContext } from '@scimflow/nodes';
import { AdminError } from '../admin/admin-errors.js';
import { isUniqueViolation } from '../db/database.js';
import { loadCurrentNames, useCurrentCredentialNames } from '../credentials/current-names.js';
import { knownCredentials } from '../credentials/known-credentials.js';
import { documented } from '../openapi/route-doc.js';
import { loadFlow, withNameCheck } from './flow-errors.js';
import {
  FlowIdParams,
  FlowSchema,
  FlowVersionSchema,
  PublishBody,
  PublishResultSchema,
  VersionParams,
} from './flow-schemas.js';
import { hasDraftChanges } from './draft-changes.js';
import { draftOf, FlowStore } from './flow-store.js';
import { flowVersionView, flowView } from './flow-views.js';
import { readDocument } from './published.js';

const TAG = 'Flow versions';

/** Admin routes for published versions: publish, list, read and restore into the draft. */
export async function versionRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.scimflow;
  const flows = new FlowStore(db);

  async function loadVersion(params: unknown) {
    const { id, version } = VersionParams.parse(params);
    const flow = await loadFlow(flows, id);
    const row = await flows.version(flow.id, version);
    if (row) return { flow, row };

    throw new AdminError(
      404,
      'flow_version_not_found',
      `Flow "${flow.name}" has no version ${version}. List its versions with GET /api/flows/${flow.id}/versions.`,
    );
  }

  app.post(
    '/flows/:id/publish',
    documented({
      tag: TAG,
      summary:
        'Publish the draft as the next version; 200 with the newest version when the draft equals it, 422 with the problems while errors remain',
      params: FlowIdParams,
      body: PublishBody,
      status: 201,
      response: PublishResultSchema,
    }),
    async (request, reply) => {
      const flow = await loadFlow(flows, FlowIdParams.parse(request.params).id);
      const { note } = PublishBody.parse(request.body ?? {});

      const context = createValidationContext(await knownCredentials(db));
      const problems = validateFlow(draftOf(flow), context);
      if (!canPublish(problems)) {
        const errors = problems.filter((problem) => problem.severity === 'error');
        throw new AdminError(
          422,
          'flow_invalid',
          `Flow "${flow.name}" has ${errors.length} error(s) and cannot be published: ${errors[0]?.message ?? ''}`,
          problems,
        );
      }

      // Publishing an unchanged draft would only add a copy of the newest version.
      const latest = (await flows.latestVersions([flow.id])).get(flow.id);
      if (latest && !hasDraftChanges(flow, latest, await loadCurrentNames(db))) {
        const row = await flows.version(flow.id, latest.version);
        if (row) {
          request.log.info(
            { flowId: flow.id, version: row.version },
            'flow unchanged, not published',
          );
          return reply.status(200).send({ ...flowVersionView(row, false), unchanged: true });
        }
      }

      const username = request.adminSession?.username ?? 'admin';
      const row = await flows.publish(flow, note, username).catch((error: unknown) => {
        if (!isUniqueViolation(error)) throw error;
        throw new AdminError(
          409,
          'flow_publish_conflict',
          `Flow "${flow.name}" was published by another request at the same time. Reload its versions and publish again.`,
        );
      });
      request.log.info({ flowId: flow.id, version: row.version }, 'flow published');
      return reply.status(201).send({ ...flowVersionView(row, false), unchanged: false });
    },
  );

  app.get(
    '/flows/:id/versions',
    documented({
      tag: TAG,
      summary: 'List published versions, newest first',
      params: FlowIdParams,
      response: z.array(FlowVersionSchema),
    }),
    async (request) => {
      const flow = await loadFlow(flows, FlowIdParams.parse(request.params).id);
      const rows = await flows.versions(flow.id);
      return rows.map((row) => flowVersionView(row, false));
    },
  );

  app.get(
    '/flows/:id/versions/:version',
    documented({
      tag: TAG,
      summary: 'Get one published version with its document',
      params: VersionParams,
      response: FlowVersionSchema,
    }),
    async (request) => flowVersionView((await loadVersion(request.params)).row, true),
  );

  app.post(
    '/flows/:id/versions/:version/restore',
    documented({
      tag: TAG,
      summary: "Copy a version into the draft, keeping the flow's current name",
      params: VersionParams,
      response: FlowSchema,
    }),
    async (request) => {
      const { flow, row } = await loadVersion(request.params);
      // The current name stays, so restoring never collides with a flow named like an old version.
      const document = { ...readDocument(flow.id, row.version, row.document), name: flow.name };
      await useCurrentCredentialNames(db, document);
      const restored = await withNameCheck(() => flows.saveDraft(flow, document));
      request.log.info({ flowId: flow.id, version: row.version }, 'flow version restored');

      const latest = (await flows.latestVersions([flow.id])).get(flow.id);
      return flowView(restored, latest, await loadCurrentNames(db));
    },
  );
}
