import os from 'node:os';
import { threadId, type MessagePort } from 'node:worker_threads';
import pino from 'pino';
import { REDACTED_LOG_PATHS } from '../logger.js';
import type { FromRuntimeThread } from './protocol.js';

// Lines are sent to the main thread at most this often, in milliseconds.
const FLUSH_MS = 20;

/**
 * Creates the pino logger of the runtime thread. Its lines go to the main thread, which writes them to
 * the server's own log destination, so both threads' lines stay whole and in one place. Secrets
 * are redacted with the server's paths before a line leaves this thread.
 */
export function threadLogger(port: MessagePort, level: string): pino.Logger {
  let buffered = '';
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    if (buffered === '') return;
    const message: FromRuntimeThread = { type: 'log', text: buffered };
    buffered = '';
    port.postMessage(message);
  };

  const destination = {
    write(line: string) {
      buffered += line;
      timer ??= setTimeout(flush, FLUSH_MS);
    },
  };
  // `thread` identifies the runtime thread of each line. pid and hostname match pino's default.
  const logger = pino(
    {
      level,
      base: { pid: process.pid, hostname: os.hostname(), thread: threadId },
      redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
    },
    destination,
  );
  return Object.assign(logger, { flushToMain: flush });
}

/** Sends the lines still buffered, before the thread stops. */
export function flushThreadLog(logger: pino.Logger): void {
  (logger as pino.Logger & { flushToMain?: () => void }).flushToMain?.();
}
