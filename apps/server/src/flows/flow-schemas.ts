import { z } from 'zod';
import { FlowDocumentSchema } from '@scimflow/flow';

/** A document of any format version this build reads; parseFlowDocument migrates and checks it. */
const AnyFormatDocument = z.unknown().meta({
  description:
    'A flow document of format version 0 or later. Older versions are migrated; see FlowDocument for the current shape.',
});

/** Body of `POST /api/flows` and `PUT /api/flows/:id/draft`. */
export const DocumentBody = z.object({ document: FlowDocumentSchema });

/** Body of `POST /api/flows/validate`: problems come back in the result, not as an error. */
export const ValidateBody = z.object({ document: AnyFormatDocument });

/** Body of `PATCH /api/flows/:id`. */
export const UpdateFlowBody = z
  .object({
    enabled: z.boolean().optional(),
    name: FlowDocumentSchema.shape.name.optional(),
  })
  .strict();

/** Body of `POST /api/flows/:id/publish`. */
export const PublishBody = z.object({ note: z.string().max(2000).default('') });

/** Body of `POST /api/flows/import`; `name` replaces the document's name. */
export const ImportBody = z.object({
  document: AnyFormatDocument,
  name: FlowDocumentSchema.shape.name.optional(),
});

export const FlowIdParams = z.object({ id: z.string().min(1) });

export const VersionParams = z.object({
  id: z.string().min(1),
  version: z.coerce.number().int().min(1),
});

/** A problem that validateFlow or parseFlowDocument found, located at a node, an edge or a field. */
export const ProblemSchema = z.object({
  code: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  field: z.string().optional(),
});

export const ProblemsResult = z.object({ problems: z.array(ProblemSchema) });

/** A flow with its draft, as `GET /api/flows/:id` returns it. */
export const FlowSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  draft: FlowDocumentSchema,
  publishedVersion: z.number().int().nullable(),
  hasDraftChanges: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** An entry of `GET /api/flows`. */
export const FlowSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  publishedVersion: z.number().int().nullable(),
  hasDraftChanges: z.boolean(),
  updatedAt: z.string(),
  recentExecutions: z.array(
    z.object({ id: z.string(), status: z.string(), startedAt: z.string().nullable() }),
  ),
});

/** A published version; `document` is present when one version is requested. */
export const FlowVersionSchema = z.object({
  version: z.number().int(),
  note: z.string(),
  publishedBy: z.string(),
  publishedAt: z.string(),
  document: FlowDocumentSchema.optional(),
});

/** The response of a publish: the new version, or the newest one when the draft equals it. */
export const PublishResultSchema = FlowVersionSchema.extend({
  unchanged: z
    .boolean()
    .describe('True when the draft equals the newest version, so no version was created'),
});

export type FlowView = z.infer<typeof FlowSchema>;
export type FlowSummaryView = z.infer<typeof FlowSummarySchema>;
export type FlowVersionView = z.infer<typeof FlowVersionSchema>;
