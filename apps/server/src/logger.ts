import type { FastifyServerOptions } from 'fastify';
import type { ServerConfig } from './config.js';
import { redactQuery } from './request-log/redact.js';

/** Logs a request's method and URL with secret-looking query parameters redacted. */
function serializeRequest(request: { method: string; url: string; ip?: string; id?: string }) {
  const [path, query] = request.url.split('?', 2) as [string, string | undefined];
  return {
    method: request.method,
    url: query ? `${path}?${redactQuery(query)}` : path,
    remoteAddress: request.ip,
  };
}

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
    serializers: { req: serializeRequest },
    ...(config.logStream ? { stream: config.logStream } : {}),
  };
}
