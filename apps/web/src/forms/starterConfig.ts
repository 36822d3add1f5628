import type { z } from 'zod';

import { describeSchema } from './describeSchema.js';

/**
 * Returns the config a new node starts with: the schema's defaults, plus the first option of
 * each required choice without a default, such as a trigger's event types. The user then fills
 * in only the free-text fields.
 */
export function starterConfig(schema: z.ZodType): Record<string, unknown> {
  const defaults = schema.safeParse({});
  if (defaults.success && isRecord(defaults.data)) return defaults.data;

  const spec = describeSchema(schema);
  if (spec.kind !== 'object') return {};

  const config: Record<string, unknown> = {};
  for (const { key, spec: field } of spec.fields) {
    if (field.defaultValue !== undefined) {
      config[key] = field.defaultValue;
      continue;
    }
    if (field.optional) continue;

    if (field.kind === 'enum' && field.options[0]) config[key] = field.options[0].value;
    if (field.kind === 'array') {
      const options = field.ui.options ?? (field.item.kind === 'enum' ? field.item.options : []);
      if (options[0]) config[key] = [options[0].value];
    }
  }
  return config;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
