import type { FieldUi } from '@scimflow/nodes';
import type { z } from 'zod';

/** Form field of one config value, derived from its zod schema and `ui` metadata. */
export type FieldSpec =
  | { kind: 'string'; ui: FieldUi; optional: boolean; defaultValue?: unknown; format?: string }
  | {
      kind: 'number';
      ui: FieldUi;
      optional: boolean;
      defaultValue?: unknown;
      integer: boolean;
      min?: number;
      max?: number;
    }
  | { kind: 'boolean'; ui: FieldUi; optional: boolean; defaultValue?: unknown }
  | {
      kind: 'enum';
      ui: FieldUi;
      optional: boolean;
      defaultValue?: unknown;
      options: { value: string; label: string }[];
    }
  | { kind: 'array'; ui: FieldUi; optional: boolean; defaultValue?: unknown; item: FieldSpec }
  | {
      kind: 'object';
      ui: FieldUi;
      optional: boolean;
      defaultValue?: unknown;
      fields: { key: string; spec: FieldSpec }[];
    }
  | { kind: 'record'; ui: FieldUi; optional: boolean; defaultValue?: unknown; value: FieldSpec }
  | { kind: 'json'; ui: FieldUi; optional: boolean; defaultValue?: unknown };

export type FieldKind = FieldSpec['kind'];

// The parts of zod 4's schema internals this walker reads.
interface Internals {
  _zod: {
    def: {
      type: string;
      innerType?: z.ZodType;
      defaultValue?: unknown;
      shape?: Record<string, z.ZodType>;
      element?: z.ZodType;
      valueType?: z.ZodType;
      entries?: Record<string, string | number>;
      values?: unknown[];
      options?: z.ZodType[];
      in?: z.ZodType;
      format?: string;
    };
  };
  // Public getters of zod 4's number and string schemas.
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
  format?: string | null;
  meta?: () => Record<string, unknown> | undefined;
}

/**
 * Walks a zod schema and returns the form field that edits its value. Wrappers (optional,
 * default, nullable, pipe) are unwrapped, and their `ui` metadata merges with the inner
 * schema's, the outer winning. Schemas with no form widget fall back to a JSON editor.
 */
export function describeSchema(schema: z.ZodType): FieldSpec {
  let current = schema as unknown as Internals;
  let ui: FieldUi = {};
  let optional = false;
  let defaultValue: unknown;

  for (;;) {
    ui = { ...uiOf(current), ...ui };
    const def = current._zod.def;
    if (def.type === 'optional' || def.type === 'nullable') optional = true;
    else if (def.type === 'default' || def.type === 'prefault') defaultValue ??= def.defaultValue;
    else if (def.type !== 'readonly' && def.type !== 'catch' && def.type !== 'pipe') break;

    const inner = def.type === 'pipe' ? def.in : def.innerType;
    if (!inner) break;
    current = inner as unknown as Internals;
  }

  const base = { ui, optional, defaultValue };
  const def = current._zod.def;

  switch (def.type) {
    case 'string':
      return { kind: 'string', ...base, format: current.format ?? undefined };
    case 'number':
    case 'int':
      return {
        kind: 'number',
        ...base,
        integer: current.isInt ?? false,
        min: finite(current.minValue),
        max: finite(current.maxValue),
      };
    case 'boolean':
      return { kind: 'boolean', ...base };
    case 'enum':
      return {
        kind: 'enum',
        ...base,
        options:
          ui.options ??
          Object.values(def.entries ?? {}).map((value) => ({
            value: String(value),
            label: String(value),
          })),
      };
    case 'literal':
      return {
        kind: 'enum',
        ...base,
        options: (def.values ?? []).map((value) => ({
          value: String(value),
          label: String(value),
        })),
      };
    case 'array':
      return { kind: 'array', ...base, item: describeSchema(def.element as z.ZodType) };
    case 'object':
      return {
        kind: 'object',
        ...base,
        fields: Object.entries(def.shape ?? {}).map(([key, field]) => ({
          key,
          spec: describeSchema(field),
        })),
      };
    case 'record':
      return { kind: 'record', ...base, value: describeSchema(def.valueType as z.ZodType) };
    case 'union':
      return describeUnion(def.options ?? [], base);
    default:
      return { kind: 'json', ...base };
  }
}

/** Describes a union: literals or enums make a choice, any other union is edited as JSON. */
function describeUnion(
  options: z.ZodType[],
  base: { ui: FieldUi; optional: boolean; defaultValue?: unknown },
): FieldSpec {
  const specs = options.map(describeSchema);
  if (specs.length > 0 && specs.every((spec) => spec.kind === 'enum')) {
    return {
      kind: 'enum',
      ...base,
      options:
        base.ui.options ?? specs.flatMap((spec) => (spec.kind === 'enum' ? spec.options : [])),
    };
  }
  return { kind: 'json', ...base };
}

function uiOf(schema: Internals): FieldUi {
  const meta = typeof schema.meta === 'function' ? schema.meta() : undefined;
  const ui = meta?.['ui'];
  return ui && typeof ui === 'object' ? (ui as FieldUi) : {};
}

function finite(value: number | null | undefined): number | undefined {
  return value !== undefined &&
    value !== null &&
    Number.isFinite(value) &&
    Math.abs(value) < Number.MAX_SAFE_INTEGER
    ? value
    : undefined;
}

/** Turns a config key such as `sheetId` into a label such as "Sheet id", for fields without one. */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
