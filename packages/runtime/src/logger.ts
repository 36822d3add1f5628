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
  return new BindingLogger(logger, bindings);
}

// A class rather than closures: the runtime creates several of these per execution, and methods
// on the prototype cost nothing per instance.
class BindingLogger implements RuntimeLogger {
  constructor(
    private readonly logger: LevelCheckingLogger,
    private readonly bindings: Record<string, unknown>,
  ) {}

  info(fields: Record<string, unknown>, message: string): void {
    if (this.enabled('info')) this.logger.info({ ...this.bindings, ...fields }, message);
  }

  warn(fields: Record<string, unknown>, message: string): void {
    if (this.enabled('warn')) this.logger.warn({ ...this.bindings, ...fields }, message);
  }

  error(fields: Record<string, unknown>, message: string): void {
    if (this.enabled('error')) this.logger.error({ ...this.bindings, ...fields }, message);
  }

  child(bindings: Record<string, unknown>): RuntimeLogger {
    return new BindingLogger(this.logger, { ...this.bindings, ...bindings });
  }

  private enabled(level: 'info' | 'warn' | 'error'): boolean {
    return this.logger.isLevelEnabled === undefined || this.logger.isLevelEnabled(level);
  }
}
