import type { z } from 'zod';

/** Kind of expression field: a template with `{{ }}` parts, or one bare JSONata expression. */
export type ExpressionFieldKind = 'template' | 'expression';

/**
 * Config fields that hold expressions, by path pattern: `message`, `fields.*` (every value of a
 * record), `cases[].expression` (a field of every array item).
 */
export type ExpressionFields = Record<string, ExpressionFieldKind>;

interface SchemaInternals {
  def: {
    type: string;
    shape?: Record<string, z.ZodType>;
    element?: z.ZodType;
    valueType?: z.ZodType;
    innerType?: z.ZodType;
    in?: z.ZodType;
  };
  meta?: () => Record<string, unknown> | undefined;
}

const cache = new WeakMap<z.ZodType, ExpressionFields>();

/**
 * Lists the fields of a node config schema whose form widget (`.meta({ ui: { widget } })`) is
 * `template` or `expression`. Walks objects, arrays, records and optional/default wrappers.
 */
export function collectExpressionFields(schema: z.ZodType): ExpressionFields {
  const cached = cache.get(schema);
  if (cached) return cached;

  const fields: ExpressionFields = {};
  walk(schema, '', fields);
  cache.set(schema, fields);
  return fields;
}

function walk(schema: z.ZodType, path: string, fields: ExpressionFields): void {
  const internals = schema as unknown as SchemaInternals;
  const widget = widgetOf(internals);
  if (path && (widget === 'template' || widget === 'expression')) {
    fields[path] = widget;
    return;
  }

  const def = internals.def;
  if (def.innerType) return walk(def.innerType, path, fields);
  if (def.type === 'pipe' && def.in) return walk(def.in, path, fields);
  if (def.type === 'object' && def.shape) {
    for (const [key, child] of Object.entries(def.shape)) walk(child, join(path, key), fields);
    return;
  }
  if (def.type === 'array' && def.element) return walk(def.element, `${path}[]`, fields);
  if (def.type === 'record' && def.valueType) return walk(def.valueType, join(path, '*'), fields);
}

function widgetOf(schema: SchemaInternals): unknown {
  const meta = typeof schema.meta === 'function' ? schema.meta() : undefined;
  const ui = meta?.ui as { widget?: unknown } | undefined;
  return ui?.widget;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** One string value of a config found at an expression field. */
export interface ExpressionFieldValue {
  kind: ExpressionFieldKind;
  /** Concrete path with array indexes and record keys, such as `cases.0.expression`. */
  path: string;
  source: string;
}

/** Lists every expression or template string in a config, following the path patterns. */
export function findExpressionValues(
  config: Record<string, unknown>,
  fields: ExpressionFields,
): ExpressionFieldValue[] {
  const found: ExpressionFieldValue[] = [];
  for (const [pattern, kind] of Object.entries(fields)) {
    visit(config, splitPattern(pattern), '', (path, value) => {
      if (typeof value === 'string') found.push({ kind, path, source: value });
    });
  }
  return found;
}

/** Splits `cases[].expression` into `['cases', '[]', 'expression']`. */
export function splitPattern(pattern: string): string[] {
  return pattern
    .replace(/\[\]/g, '.[]')
    .split('.')
    .filter((segment) => segment !== '');
}

/** Calls `found` for each value that a split pattern reaches in `value`. */
export function visit(
  value: unknown,
  segments: string[],
  path: string,
  found: (path: string, value: unknown) => void,
): void {
  const [head, ...rest] = segments;
  if (head === undefined) return found(path, value);

  if (head === '[]') {
    if (!Array.isArray(value)) return;
    value.forEach((item, index) => visit(item, rest, join(path, String(index)), found));
    return;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;

  const record = value as Record<string, unknown>;
  if (head === '*') {
    for (const [key, item] of Object.entries(record)) visit(item, rest, join(path, key), found);
    return;
  }
  if (head in record) visit(record[head], rest, join(path, head), found);
}
