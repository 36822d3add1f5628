import type { z } from 'zod';
import type { FieldUi } from '../../define.js';

/** Attaches the designer's form metadata to a config field. */
export function ui<Schema extends z.ZodType>(schema: Schema, metadata: FieldUi): Schema {
  return schema.meta({ ui: metadata });
}

/** The output a connector returns instead of a write in a dry run. */
export interface DryRunOutput {
  dryRun: true;
  /** The write the connector would send, without headers. */
  wouldSend: { method: string; path: string; body?: unknown };
}

/** Builds the output of a write that a dry run skipped. */
export function dryRunOutput(method: string, path: string, body?: unknown): DryRunOutput {
  return { dryRun: true, wouldSend: { method, path, ...(body === undefined ? {} : { body }) } };
}
