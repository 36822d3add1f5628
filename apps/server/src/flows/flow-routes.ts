import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseFlowDocument, validateFlow, type FlowDocument } from '@scimflow/flow';
import { createValidationContext, hostAllowlistProblems } from '@scimflow/nodes';
import { loadCurrentNames, useCurrentCredentialNames } from '../credentials/current-names.js';
import { knownCredentials } from '../credentials/known-credentials.js';
import { documented } from '../openapi/route-doc.js';
import { loadFlow, withNameCheck } from './flow-errors.js';
import {
  DocumentBody,
  FlowIdParams,
  FlowSchema,
  FlowSummarySchema,
  ProblemsResult,
  UpdateFlowBody,
  ValidateBody,
} from './flow-schemas.js';
import { draftOf, FlowStore } from './flow-store.js';
import { flowSummaryView, flowView } from './flow-views.js';
import { recentExecutions } from './recent-executions.js';

const TAG = 'Flows';

/** Admin routes for flows and their drafts: list, create, read, save, rename, enable, delete, duplicate, validate. */
export async function flowRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.scimflow;
  const flows = new FlowStore(db);

  async function describe(flowId: string) {
    const flow = await loadFlow(flows, flowId);
    const latest = (await flows.latestVersions([flow.id])).get(flow.id);
    return flowView(flow, latest, await loadCurrentNames(db));
  }

  app.get(
    '/flows',
    documented({
      tag: TAG,
      summary: 'List flows with their recent executions',
      response: z.array(FlowSummarySchema),
    }),
    async () => {
      const rows = await flows.list();
      const latest = await flows.latestVersions();
      const recent = await recentExecutions(db);
      const currentNames = await loadCurrentNames(db);
      return rows.map((flow) =>
        flowSummaryView(flow, latest.get(flow.id), recent.get(flow.id), currentNames),
      );
    },
  );

  app.post(
    '/flows',
    documented({
      tag: TAG,
      summary: 'Create a disabled flow from a draft document',
      body: DocumentBody,
      status: 201,
      response: FlowSchema,
    }),
    async (request, reply) => {
      const { document } = DocumentBody.parse(request.body);
      await useCurrentCredentialNames(db, document);
      const flow = await withNameCheck(() => flows.create(document));
      request.log.info({ flowId: flow.id }, 'flow created');
      return reply.status(201).send(await describe(flow.id));
    },
  );

  app.post(
    '/flows/validate',
    documented({
      tag: TAG,
      summary: 'Validate a flow document against the node catalogue and stored credentials',
      body: ValidateBody,
      response: ProblemsResult,
    }),
    async (request) => {
      const { document } = ValidateBody.parse(request.body);
      const parsed = parseFlowDocument(document);
      if (!parsed.ok) return { problems: parsed.problems };

      const context = createValidationContext(await knownCredentials(db));
      const problems = validateFlow(parsed.document, context);
      const allowlist = app.flowRuntime.allowedHosts;
      if (allowlist) problems.push(...hostAllowlistProblems(parsed.document, allowlist));
      return { problems };
    },
  );

  app.get(
    '/flows/:id',
    documented({
      tag: TAG,
      summary: 'Get a flow with its draft',
      params: FlowIdParams,
      response: FlowSchema,
    }),
    async (request) => describe(FlowIdParams.parse(request.params).id),
  );

  app.put(
    '/flows/:id/draft',
    documented({
      tag: TAG,
      summary: 'Save the draft; the flow takes the name and description of the document',
      params: FlowIdParams,
      body: DocumentBody,
      response: FlowSchema,
    }),
    async (request) => {
      const flow = await loadFlow(flows, FlowIdParams.parse(request.params).id);
      const { document } = DocumentBody.parse(request.body);
      // A designer tab opened before a credential rename still contains the old name.
      await useCurrentCredentialNames(db, document);
      await withNameCheck(() => flows.saveDraft(flow, document));
      return describe(flow.id);
    },
  );

  app.patch(
    '/flows/:id',
    documented({
      tag: TAG,
      summary: 'Rename a flow, or switch live runs of its published versions on or off',
      params: FlowIdParams,
      body: UpdateFlowBody,
      response: FlowSchema,
    }),
    async (request) => {
      let flow = await loadFlow(flows, FlowIdParams.parse(request.params).id);
      const body = UpdateFlowBody.parse(request.body ?? {});

      if (body.name !== undefined && body.name !== flow.name) {
        const renamed: FlowDocument = { ...draftOf(flow), name: body.name };
        flow = await withNameCheck(() => flows.saveDraft(flow, renamed));
      }
      if (body.enabled !== undefined && body.enabled !== (flow.enabled === 1)) {
        flow = await flows.setEnabled(flow, body.enabled);
        request.log.info({ flowId: flow.id, enabled: body.enabled }, 'flow enabled changed');
      }
      return describe(flow.id);
    },
  );

  app.delete(
    '/flows/:id',
    documented({
      tag: TAG,
      summary: 'Delete a flow and its versions; executions stay as history',
      params: FlowIdParams,
      status: 204,
    }),
    async (request, reply) => {
      const flow = await loadFlow(flows, FlowIdParams.parse(request.params).id);
      await flows.delete(flow.id);
      request.log.info({ flowId: flow.id }, 'flow deleted');
      return reply.status(204).send();
    },
  );

  app.post(
    '/flows/:id/duplicate',
    documented({
      tag: TAG,
      summary: 'Copy the draft into a new disabled flow named "<name> (copy)"',
      params: FlowIdParams,
      status: 201,
      response: FlowSchema,
    }),
    async (request, reply) => {
      const flow = await loadFlow(flows, FlowIdParams.parse(request.params).id);
      const name = await freeCopyName(flows, flow.name);
      const copy = await withNameCheck(() => flows.create({ ...draftOf(flow), name }));
      request.log.info({ flowId: copy.id, copiedFrom: flow.id }, 'flow duplicated');
      return reply.status(201).send(await describe(copy.id));
    },
  );
}

/** Names a copy "<name> (copy)", then "(copy 2)" and up, within the 200-character name limit. */
async function freeCopyName(flows: FlowStore, name: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const suffix = attempt === 1 ? ' (copy)' : ` (copy ${attempt})`;
    const candidate = name.slice(0, 200 - suffix.length) + suffix;
    if (!(await flows.nameTaken(candidate))) return candidate;
  }
}
