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

/** A logger that can tell whether a level is on, as pino's `isLevelEnabled` does. */
interface LevelCheckingLogger extends RuntimeLogger {
  isLevelEnabled?: (level: string) => boolean;
}

/**
 * Wraps `logger` so that `child()` only merges bindings into a plain object and each line passes
 * them to `logger` with its fields. A pino child copies and serializes its bindings when it is
 * created, and the runtime creates several per execution, most of which never write a line.
 * A field of a line replaces a binding of the same name. When `logger` has `isLevelEnabled`, a
 * line of a disabled level is dropped before its fields are merged.
 */
export function bindingLogger(
  logger: LevelCheckingLogger,
  bindings: Record<string, unknown> = {},
): RuntimeLogger {
  const enabled = (level: 'info' | 'warn' | 'error') =>
    logger.isLevelEnabled === undefined || logger.isLevelEnabled(level);
  return {
    info: (fields, message) => {
      if (enabled('info')) logger.info({ ...bindings, ...fields }, message);
    },
    warn: (fields, message) => {
      if (enabled('warn')) logger.warn({ ...bindings, ...fields }, message);
    },
    error: (fields, message) => {
      if (enabled('error')) logger.error({ ...bindings, ...fields }, message);
    },
    child: (more) => bindingLogger(logger, { ...bindings, ...more }),
  };
}
