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
