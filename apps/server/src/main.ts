import { createApp } from './app.js';
import { loadConfig, type ServerConfig } from './config.js';
import { loadRuntimeSettings } from './runtime/settings.js';

/** Thrown for an invalid setting: its message names the variable and the fix, so no stack follows. */
class SettingsError extends Error {}

/**
 * Reads the server's and the runtime's settings from the environment. The runtime reads its
 * settings again when it starts, and reading them here first turns an invalid value into a
 * `SettingsError`.
 */
function loadSettings(): ServerConfig {
  try {
    const config = loadConfig();
    loadRuntimeSettings(process.env);
    return config;
  } catch (error) {
    throw new SettingsError((error as Error).message);
  }
}

/** Starts ScimFlow from environment variables and stops it cleanly on SIGINT or SIGTERM. */
async function main(): Promise<void> {
  const config = loadSettings();
  const app = await createApp(config);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => {
        app.log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  await app.listen({ host: config.host, port: config.port });
}

main().catch((error: unknown) => {
  // The logger may not exist yet when the configuration or the database fails.
  const { code, address, port } = error as { code?: string; address?: string; port?: number };
  if (code === 'EADDRINUSE') {
    process.stderr.write(
      `ScimFlow failed to start: ${address}:${port} is in use by another program. Stop it, or start ScimFlow on another port with PORT (and HOST).\n`,
    );
    process.exit(1);
  }
  if (error instanceof SettingsError) {
    process.stderr.write(`ScimFlow failed to start: ${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(
    `ScimFlow failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
