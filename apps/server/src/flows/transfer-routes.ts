import type { FastifyInstance } from 'fastify';
import {
  FlowDocumentSchema,
  parseFlowDocument,
  validateFlow,
  type CredentialReference,
  type FlowDocument,
} from '@scimflow/flow';
import { createValidationContext } from '@scimflow/nodes';
import { knownCredentials } from '../credentials/known-credentials.js';
import { documented } from '../openapi/route-doc.js';
import { AdminError } from '../admin/admin-errors.js';
import { documentInvalid, loadFlow, withNameCheck } from './flow-errors.js';
import { FlowIdParams, FlowSchema, ImportBody } from './flow-schemas.js';
import { draftOf, FlowStore } from './flow-store.js';
import { flowView } from './flow-views.js';

const TAG = 'Flow import and export';

/** Admin routes that move flows between servers as files: export and import. */
export async function transferRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.scimflow;
  const flows = new FlowStore(db);

  app.get(
    '/flows/:id/export',
    documented({
      tag: TAG,
      summary: 'Download the draft document; credentials appear by name and type only',
      params: FlowIdParams,
      response: FlowDocumentSchema,
      responseMediaType: 'application/json',
    }),
    async (request, reply) => {
      const flow = await loadFlow(flows, FlowIdParams.parse(request.params).id);
      const draft = draftOf(flow);
      const stored = await knownCredentials(db);
      const document: FlowDocument = {
        ...draft,
        credentials: referencedCredentials(draft, stored),
      };

      reply.header('content-disposition', `attachment; filename="${exportFileName(flow.name)}"`);
      reply.type('application/json; charset=utf-8');
      return JSON.stringify(document, null, 2) + '\n';
    },
  );

  app.post(
    '/flows/import',
    documented({
      tag: TAG,
      summary:
        'Create a disabled flow from an exported document; nothing is saved when it is invalid',
      body: ImportBody,
      status: 201,
      response: FlowSchema,
    }),
    async (request, reply) => {
      const body = ImportBody.parse(request.body);
      const parsed = parseFlowDocument(body.document);
      if (!parsed.ok) throw documentInvalid(parsed.problems);

      const document: FlowDocument = {
        ...parsed.document,
        name: body.name ?? parsed.document.name,
      };
      // Credentials are checked against the document's own list: this server may not have them yet,
      // and validation and publishing report the ones still missing.
      const problems = validateFlow(document, createValidationContext());
      const errors = problems.filter((problem) => problem.severity === 'error');
      if (errors.length > 0) throw documentInvalid(errors);

      if (await flows.nameTaken(document.name)) {
        throw new AdminError(
          409,
          'flow_name_taken',
          `A flow named "${document.name}" already exists (names ignore case). Import again with a new "name".`,
        );
      }

      const flow = await withNameCheck(() => flows.create(document));
      request.log.info({ flowId: flow.id, migrations: parsed.migrations }, 'flow imported');
      // An imported flow has no published version, so no credential names need comparing.
      return reply.status(201).send(flowView(flow, undefined, new Map()));
    },
  );
}

/**
 * Lists the credentials the nodes reference, by name and type: the type comes from the store, or
 * from the draft's own list for a credential this server does not have.
 */
function referencedCredentials(
  document: FlowDocument,
  stored: CredentialReference[],
): CredentialReference[] {
  const names = [...new Set(document.nodes.flatMap((node) => node.credential ?? []))].sort();
  const references: CredentialReference[] = [];
  for (const name of names) {
    const known = stored.find((item) => item.name === name);
    const listed = document.credentials.find((item) => item.name === name);
    const type = known?.type ?? listed?.type;
    if (type) references.push({ name, type });
  }
  return references;
}

/** Turns a flow name into a safe file name such as `onboarding-to-github.scimflow.json`. */
function exportFileName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${slug || 'flow'}.scimflow.json`;
}
