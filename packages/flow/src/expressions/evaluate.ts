import { compileExpression } from './compile.js';
import { ExpressionError, fromJsonataError, type ExpressionLocation } from './errors.js';
import { expressionHelpers } from './helpers.js';
import { parseTemplate, TemplateSyntaxError } from './template.js';

/**
 * Evaluates one JSONata expression against a scope. Returns plain JSON values: JSONata's internal
 * sequences become arrays, and functions become undefined. A blank expression returns undefined. Throws ExpressionError naming the
 * location on a syntax error, an evaluation error or the time limit.
 */
export async function evaluateExpression(
  source: string,
  scope: Record<string, unknown>,
  location: ExpressionLocation = {},
): Promise<unknown> {
  // A blank optional field, such as a trigger without a condition, has no value.
  if (source.trim() === '') return undefined;

  try {
    const compiled = compileExpression(source);
    const result: unknown = await compiled.evaluate(scope, expressionHelpers);
    return toPlainValue(result);
  } catch (error) {
    throw fromJsonataError(source, error).at(location);
  }
}

/**
 * Evaluates a template: text with `{{ expression }}` parts. A template that is exactly one
 * expression returns the expression's value unconverted. Any other template returns a string, in
 * which undefined parts become "" and objects become JSON.
 */
export async function evaluateTemplate(
  template: string,
  scope: Record<string, unknown>,
  location: ExpressionLocation = {},
): Promise<unknown> {
  let parsed;
  try {
    parsed = parseTemplate(template);
  } catch (error) {
    if (error instanceof TemplateSyntaxError) {
      throw new ExpressionError(template, error.message, location);
    }
    throw error;
  }

  if (parsed.single !== undefined) return evaluateExpression(parsed.single, scope, location);

  let text = '';
  for (const part of parsed.parts) {
    if (part.kind === 'text') text += part.text;
    else text += stringify(await evaluateExpression(part.source, scope, location));
  }
  return text;
}

/** Converts a value to the text a template inserts for it. */
export function stringify(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Copies a JSONata result into plain JSON values, dropping sequence flags and functions. */
function toPlainValue(value: unknown): unknown {
  if (typeof value === 'function') return undefined;
  if (Array.isArray(value)) return value.map(toPlainValue);
  if (value === null || typeof value !== 'object') return value;

  const plain: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    const converted = toPlainValue(entry);
    if (converted !== undefined) plain[key] = converted;
  }
  return plain;
}
