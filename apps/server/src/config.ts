import path from 'node:path';

/** Credentials for the default SCIM endpoint, taken from the environment on first start. */
export interface DefaultEndpointSecrets {
  bearerToken?: string;
  basicUsername?: string;
  basicPassword?: string;
  apiKey?: string;
  oauthClientId?: string;
  oauthClientSecret?: string;
}

/** Server configuration. `loadConfig` builds it from the environment; tests build it directly. */
export interface ServerConfig {
  host: string;
  /** TCP port; 0 picks a free port (tests). */
  port: number;
  dataDir: string;
  /** Base for printed and returned URLs; when absent, `http://<host>:<port>` of the listening socket. */
  publicUrl?: string;
  /** Admin password used on first start only; a random one is generated and logged once when absent. */
  adminPassword?: string;
  defaultEndpoint: DefaultEndpointSecrets;
  /** 32-byte AES key; when absent the key is read from or generated into `<dataDir>/secret.key`. */
  secretKey?: Buffer;
  /** Newest request-log entries kept per SCIM endpoint. */
  requestLogLimit: number;
  /** Admin sessions expire after this much idle time, in milliseconds. */
  sessionIdleMs: number;
  /** Lifetime of OAuth2 access tokens, in seconds. */
  oauthTokenTtlSeconds: number;
  /** Maximum request body size in bytes. */
  bodyLimit: number;
  /** Failed admin logins allowed per client IP within `loginWindowMs` before 429. */
  loginMaxFailures: number;
  loginWindowMs: number;
  /** Folder of the built designer; served at `/` when it exists. */
  webDistDir: string;
  /** Pino log level, or false to disable logging. */
  logLevel: string | false;
  /** Destination for log lines (tests capture them); stdout when absent. */
  logStream?: NodeJS.WritableStream;
}

/** Defaults shared by `loadConfig` and tests that build a config directly. */
export function defaultConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    host: '127.0.0.1',
    port: 3000,
    dataDir: path.resolve('data'),
    defaultEndpoint: {},
    requestLogLimit: 1000,
    sessionIdleMs: 12 * 60 * 60 * 1000,
    oauthTokenTtlSeconds: 3600,
    bodyLimit: 1024 * 1024,
    loginMaxFailures: 10,
    loginWindowMs: 5 * 60 * 1000,
    webDistDir: path.resolve(import.meta.dirname, '../../web/dist'),
    logLevel: 'info',
    ...overrides,
  };
}

/**
 * Builds the configuration from environment variables (HOST, PORT, SCIMFLOW_*).
 * Throws when a value is malformed, naming the variable and the expected form.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = env.PORT === undefined ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${env.PORT}"`);
  }

  const defaultEndpoint: DefaultEndpointSecrets = {
    bearerToken: env.SCIMFLOW_SCIM_TOKEN || undefined,
    apiKey: env.SCIMFLOW_SCIM_API_KEY || undefined,
    oauthClientId: env.SCIMFLOW_OAUTH_CLIENT_ID || undefined,
    oauthClientSecret: env.SCIMFLOW_OAUTH_CLIENT_SECRET || undefined,
  };
  if (env.SCIMFLOW_SCIM_BASIC) {
    const separator = env.SCIMFLOW_SCIM_BASIC.indexOf(':');
    if (separator <= 0 || separator === env.SCIMFLOW_SCIM_BASIC.length - 1) {
      throw new Error('SCIMFLOW_SCIM_BASIC must be "user:password" with both parts non-empty');
    }
    defaultEndpoint.basicUsername = env.SCIMFLOW_SCIM_BASIC.slice(0, separator);
    defaultEndpoint.basicPassword = env.SCIMFLOW_SCIM_BASIC.slice(separator + 1);
  }

  let secretKey: Buffer | undefined;
  if (env.SCIMFLOW_SECRET_KEY) {
    secretKey = Buffer.from(env.SCIMFLOW_SECRET_KEY, 'base64');
    if (secretKey.length !== 32) {
      throw new Error(
        `SCIMFLOW_SECRET_KEY must be 32 bytes in base64, got ${secretKey.length} bytes; generate one with "openssl rand -base64 32"`,
      );
    }
  }

  return defaultConfig({
    host: env.HOST || '127.0.0.1',
    port,
    dataDir: path.resolve(env.SCIMFLOW_DATA_DIR || 'data'),
    publicUrl: env.SCIMFLOW_PUBLIC_URL?.replace(/\/+$/, '') || undefined,
    adminPassword: env.SCIMFLOW_ADMIN_PASSWORD || undefined,
    defaultEndpoint,
    secretKey,
    logLevel: env.LOG_LEVEL || 'info',
  });
}
