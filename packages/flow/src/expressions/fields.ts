import type { z } from 'zod';

/**
 * Kind of expression field: a template with `{{ }}` parts, one bare JSONata expression, or a JSON
 * value (`json` and `keyValue` widgets) in which every string is a template.
 */
export type ExpressionFieldKind = 'template' | 'expression' | 'json';

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
 * `template` or `expression`, and the `json` and `keyValue` fields whose strings are templates.
 * Walks objects, arrays, records and optional/default wrappers.
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
  if (path && (widget === 'json' || widget === 'keyValue') && !hasOwnTemplates(schema)) {
    fields[path] = 'json';
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

/** Returns true when a record's values declare their own widget, as in `fields.*: template`. */
function hasOwnTemplates(schema: z.ZodType): boolean {
  let def = (schema as unknown as SchemaInternals).def;
  while (def.innerType) def = (def.innerType as unknown as SchemaInternals).def;
  if (def.type !== 'record' || !def.valueType) return false;

  const nested: ExpressionFields = {};
  walk(def.valueType, 'value', nested);
  return Object.keys(nested).length > 0;
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
  kind: 'template' | 'expression';
  /** Concrete path with array indexes and record keys, such as `cases.0.expression`. */
  path: string;
  source: string;
}

/**
 * Lists every expression or template string in a config, following the path patterns. Strings
 * inside a `json` field are listed one by one, as templates.
 */
export function findExpressionValues(
  config: Record<string, unknown>,
  fields: ExpressionFields,
): ExpressionFieldValue[] {
  const found: ExpressionFieldValue[] = [];
  for (const [pattern, kind] of Object.entries(fields)) {
    visit(config, splitPattern(pattern), '', (path, value) => {
      if (kind === 'json') {
        forEachString(value, path, (stringPath, source) =>
          found.push({ kind: 'template', path: stringPath, source }),
        );
      } else if (typeof value === 'string') {
        found.push({ kind, path, source: value });
      }
    });
  }
  return found;
}

/** Calls `found` with the path and text of every string inside a JSON value. */
export function forEachString(
  value: unknown,
  path: string,
  found: (path: string, text: string) => void,
): void {
  if (typeof value === 'string') return found(path, value);
  if (Array.isArray(value)) {
    value.forEach((item, index) => forEachString(item, join(path, String(index)), found));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, item] of Object.entries(value)) forEachString(item, join(path, key), found);
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
