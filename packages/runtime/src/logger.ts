import type { RuntimeLogger } from './types.js';

/** A logger that drops every line, for callers that pass none. */
export const silentLogger: RuntimeLogger = {
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};

/**
 * Wraps `logger` so that `child()` only merges bindings into a plain object and each line passes
 * them to `logger` with its fields. A pino child copies and serializes its bindings when it is
 * created, and the runtime creates several per execution, most of which never write a line.
 * A field of a line replaces a binding of the same name.
 */
export function bindingLogger(
  logger: RuntimeLogger,
  bindings: Record<string, unknown> = {},
): RuntimeLogger {
  return {
    info: (fields, message) => logger.info({ ...bindings, ...fields }, message),
    warn: (fields, message) => logger.warn({ ...bindings, ...fields }, message),
    error: (fields, message) => logger.error({ ...bindings, ...fields }, message),
    child: (more) => bindingLogger(logger, { ...bindings, ...more }),
  };
}
