/** Location of an expression in a flow: the node and the config field path. */
export interface ExpressionLocation {
  nodeId?: string;
  /** Config field path such as `config.email` or `config.cases.0.expression`. */
  field?: string;
}

/**
 * Raised when an expression fails to parse or evaluate. The message names the node, the field and
 * the expression, so the flow author sees what to fix from an execution's error.
 */
export class ExpressionError extends Error {
  /** Evaluating the same expression on the same data fails the same way, so retrying is useless. */
  readonly retryable = false;
  readonly nodeId?: string;
  readonly field?: string;
  /** JSONata error code such as `S0202` (syntax) or `D1012` (time limit), when JSONata set one. */
  readonly code?: string;
  /** Character position in the expression where JSONata stopped, when known. */
  readonly position?: number;

  constructor(
    readonly expression: string,
    readonly reason: string,
    location: ExpressionLocation = {},
    details: { code?: string; position?: number } = {},
  ) {
    super(describe(expression, reason, location));
    this.name = 'ExpressionError';
    this.nodeId = location.nodeId;
    this.field = location.field;
    this.code = details.code;
    this.position = details.position;
  }

  /** Returns a copy of this error that names the given node and field. */
  at(location: ExpressionLocation): ExpressionError {
    return new ExpressionError(
      this.expression,
      this.reason,
      { ...location, field: location.field ?? this.field },
      { code: this.code, position: this.position },
    );
  }
}

function describe(expression: string, reason: string, location: ExpressionLocation): string {
  const where = [
    location.nodeId ? `node "${location.nodeId}"` : undefined,
    location.field ? `field "${location.field}"` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  const prefix = where ? `Expression in ${where}` : 'Expression';
  return `${prefix} failed: ${reason} Expression: ${expression}`;
}

/** Turns a JSONata error object (a plain object with `code`, `message`, `position`) into an ExpressionError. */
export function fromJsonataError(expression: string, error: unknown): ExpressionError {
  if (error instanceof ExpressionError) return error;

  const record = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    message?: unknown;
    position?: unknown;
  };
  const message = typeof record.message === 'string' ? record.message : String(error);
  const code = typeof record.code === 'string' ? record.code : undefined;
  const position = typeof record.position === 'number' ? record.position : undefined;
  const reason = position === undefined ? `${message}.` : `${message} (at position ${position}).`;
  return new ExpressionError(expression, reason, {}, { code, position });
}
