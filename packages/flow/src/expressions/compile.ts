import jsonata from 'jsonata';

import { fromJsonataError } from './errors.js';

/** Maximum evaluation time of one expression, in milliseconds. */
export const EXPRESSION_TIMEOUT_MS = 1_000;

/** Maximum JSONata evaluation depth, which bounds runaway recursion in user-defined functions. */
export const EXPRESSION_MAX_DEPTH = 500;

/** Number of compiled expressions kept; the least recently used one is dropped beyond it. */
export const EXPRESSION_CACHE_SIZE = 2_000;

const cache = new Map<string, jsonata.Expression>();
let compileCount = 0;

/**
 * Compiles a JSONata expression, or returns the cached compilation. Expressions run for every
 * provisioning event, so each source is parsed once per process. Throws ExpressionError on a
 * syntax error.
 */
export function compileExpression(source: string): jsonata.Expression {
  const cached = cache.get(source);
  if (cached) {
    // Re-inserting moves the entry to the end, which makes Map order an LRU order.
    cache.delete(source);
    cache.set(source, cached);
    return cached;
  }

  let compiled: jsonata.Expression;
  try {
    compiled = jsonata(source, { timeout: EXPRESSION_TIMEOUT_MS, stack: EXPRESSION_MAX_DEPTH });
  } catch (error) {
    throw fromJsonataError(source, error);
  }
  compileCount++;

  cache.set(source, compiled);
  if (cache.size > EXPRESSION_CACHE_SIZE) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return compiled;
}

/** Counts compilations since the process started; tests read it to check the cache. */
export function expressionCompileCount(): number {
  return compileCount;
}
