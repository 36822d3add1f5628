import { z } from 'zod';

/** Format version written by this build; older documents are migrated on load. */
export const FLOW_FORMAT_VERSION = 1;

/** Node ids appear in expressions as `steps.<id>.output`, so they must be valid JSONata names. */
export const NodeIdSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'Use letters, digits and "_", starting with a letter.');

/** Per-node overrides of the runtime's retry policy. */
export const RetryOverrideSchema = z.object({
  maxAttempts: z.number().int().min(1).max(20).optional(),
  timeoutMs: z.number().int().min(100).max(300_000).optional(),
});

/** A node on the canvas: React Flow's node, plus the config its type declares. */
export const FlowNodeSchema = z.object({
  id: NodeIdSchema,
  type: z.string().min(1),
  position: z.object({ x: z.number(), y: z.number() }),
  label: z.string().max(200).optional(),
  config: z.record(z.string(), z.unknown()).default({}),
  /** Name of a credential from the document's `credentials` list. */
  credential: z.string().optional(),
  retry: RetryOverrideSchema.optional(),
});

/** A connection from a source node's output port (`sourceHandle`) to a target node's input. */
export const FlowEdgeSchema = z.object({
  id: z.string().min(1),
  source: NodeIdSchema,
  sourceHandle: z.string().min(1).default('out'),
  target: NodeIdSchema,
});

/** A credential reference by name: exports carry the name and type, never the secret. */
export const CredentialReferenceSchema = z.object({
  name: z.string().min(1).max(200),
  type: z.string().min(1),
});

/** The flow document: what the designer saves, the server stores and export writes. */
export const FlowDocumentSchema = z.object({
  formatVersion: z.literal(FLOW_FORMAT_VERSION),
  id: z.string().optional(),
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).default(''),
  nodes: z.array(FlowNodeSchema),
  edges: z.array(FlowEdgeSchema),
  credentials: z.array(CredentialReferenceSchema).default([]),
});

export type RetryOverride = z.infer<typeof RetryOverrideSchema>;
export type FlowNode = z.infer<typeof FlowNodeSchema>;
export type FlowEdge = z.infer<typeof FlowEdgeSchema>;
export type CredentialReference = z.infer<typeof CredentialReferenceSchema>;
export type FlowDocument = z.infer<typeof FlowDocumentSchema>;
