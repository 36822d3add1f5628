import { evaluateExpression, evaluateTemplate } from './evaluate.js';
import { splitPattern, type ExpressionFields } from './fields.js';

/**
 * Resolves every template and expression field of a node config against a scope and returns a
 * new config; other fields are copied as they are. `fields` comes from collectExpressionFields.
 * Throws ExpressionError naming the node, the field (`config.<path>`) and the expression.
 */
export async function resolveConfig(
  config: Record<string, unknown>,
  fields: ExpressionFields,
  scope: Record<string, unknown>,
  nodeId?: string,
): Promise<Record<string, unknown>> {
  let resolved: unknown = structuredClone(config);

  for (const [pattern, kind] of Object.entries(fields)) {
    resolved = await replaceAt(resolved, splitPattern(pattern), '', async (path, value) => {
      if (kind === 'json') return resolveJson(value, path, scope, nodeId);
      if (typeof value !== 'string') return value;

      const location = { nodeId, field: `config.${path}` };
      return kind === 'template'
        ? evaluateTemplate(value, scope, location)
        : evaluateExpression(value, scope, location);
    });
  }
  return resolved as Record<string, unknown>;
}

/** Returns a copy of a JSON value with every string in it resolved as a template. */
async function resolveJson(
  value: unknown,
  path: string,
  scope: Record<string, unknown>,
  nodeId: string | undefined,
): Promise<unknown> {
  if (typeof value === 'string')
    return evaluateTemplate(value, scope, { nodeId, field: `config.${path}` });
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const [index, item] of value.entries())
      items.push(await resolveJson(item, child(path, String(index)), scope, nodeId));
    return items;
  }
  if (value === null || typeof value !== 'object') return value;

  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value))
    copy[key] = await resolveJson(item, child(path, key), scope, nodeId);
  return copy;
}

/** Replaces each value that a split pattern reaches with what `resolve` returns, in place. */
async function replaceAt(
  value: unknown,
  segments: string[],
  path: string,
  resolve: (path: string, value: unknown) => Promise<unknown>,
): Promise<unknown> {
  const [head, ...rest] = segments;
  if (head === undefined) return resolve(path, value);

  if (head === '[]') {
    if (!Array.isArray(value)) return value;
    for (let index = 0; index < value.length; index++) {
      value[index] = await replaceAt(value[index], rest, child(path, String(index)), resolve);
    }
    return value;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;

  const record = value as Record<string, unknown>;
  let keys: string[] = [];
  if (head === '*') keys = Object.keys(record);
  else if (head in record) keys = [head];
  for (const key of keys) {
    record[key] = await replaceAt(record[key], rest, child(path, key), resolve);
  }
  return record;
}

function child(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
