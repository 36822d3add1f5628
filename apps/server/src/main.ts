import { createApp } from './app.js';
import { loadConfig } from './config.js';

/** Starts ScimFlow from environment variables and stops it cleanly on SIGINT or SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
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
  process.stderr.write(
    `ScimFlow failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
