import type { z } from 'zod';

// Wrappers whose inner schema describes the same field.
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly']);

/**
 * Returns the label that a config schema gives the field at `path` in its `ui` metadata (the
 * designer's form label), or undefined when the field has none.
 */
export function fieldLabel(schema: z.ZodType, path: readonly PropertyKey[]): string | undefined {
  let current: z.ZodType | undefined = schema;
  for (const key of path) {
    current = childOf(unwrap(current), key);
    if (!current) return undefined;
  }
  return labelOf(current);
}

function labelOf(schema: z.ZodType): string | undefined {
  // Metadata can sit on any wrapper (`.default([]).meta(...)`) or on the inner schema.
  let current: z.ZodType | undefined = schema;
  while (current) {
    const label = (current.meta() as { ui?: { label?: unknown } } | undefined)?.ui?.label;
    if (typeof label === 'string') return label;
    current = innerOf(current);
  }
  return undefined;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let inner = innerOf(current); inner; inner = innerOf(current)) current = inner;
  return current;
}

function innerOf(schema: z.ZodType): z.ZodType | undefined {
  const def = schema.def as { type: string; innerType?: z.ZodType };
  return WRAPPERS.has(def.type) ? def.innerType : undefined;
}

function childOf(schema: z.ZodType, key: PropertyKey): z.ZodType | undefined {
  const def = schema.def as {
    type: string;
    shape?: Record<string, z.ZodType>;
    element?: z.ZodType;
    valueType?: z.ZodType;
  };
  if (def.type === 'object') return def.shape?.[String(key)];
  if (def.type === 'array') return def.element;
  if (def.type === 'record') return def.valueType;
  return undefined;
}
