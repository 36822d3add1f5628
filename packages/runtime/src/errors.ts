import { ExpressionError } from '@scimflow/flow';

import type { Redactor } from './redact.js';
import type { StepFailure } from './types.js';

/** Raised inside the runtime for a step that cannot run; turned into a StepFailure. */
export class StepError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'StepError';
  }
}

/**
 * Builds the journal's failure record from whatever a step threw. Errors that carry a boolean
 * `retryable` (connector errors, the stop node, expression errors) decide for themselves. Any
 * other error counts as retryable, because a network or server hiccup is the likely cause.
 */
export function toStepFailure(nodeId: string, error: unknown, redactor: Redactor): StepFailure {
  const record = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    retryable?: unknown;
    retryAfterMs?: unknown;
  };
  const message = error instanceof Error ? error.message : String(error);

  let code = typeof record.code === 'string' ? record.code : 'node_failed';
  if (error instanceof ExpressionError) code = 'expression_failed';

  const failure: StepFailure = {
    nodeId,
    code,
    message: redactor.redactText(`Step "${nodeId}" failed: ${message}`),
    retryable: typeof record.retryable === 'boolean' ? record.retryable : true,
  };
  if (typeof record.retryAfterMs === 'number') failure.retryAfterMs = record.retryAfterMs;
  return failure;
}
