import type { FastifyServerOptions } from 'fastify';
import type { ServerConfig } from './config.js';

/** Log paths whose values are replaced by "[redacted]" before a line is written. */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.token',
  '*.secret',
  '*.clientSecret',
  '*.client_secret',
  '*.access_token',
  '*.csrfToken',
];

/** Builds Fastify's logger options: JSON lines from pino, with secrets redacted. */
export function loggerOptions(config: ServerConfig): FastifyServerOptions['logger'] {
  if (config.logLevel === false) return false;
  return {
    level: config.logLevel,
    redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
    ...(config.logStream ? { stream: config.logStream } : {}),
  };
}
