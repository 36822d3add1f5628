import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { createApp } from '../../src/app.js';
import { defaultConfig, type ServerConfig } from '../../src/config.js';

/** A ScimFlow server listening on 127.0.0.1 with a temporary data folder, and its captured log. */
export interface TestServer {
  app: FastifyInstance;
  baseUrl: string;
  dataDir: string;
  config: ServerConfig;
  /** Every log line written so far. */
  logText(): string;
  /** Closes the server; the data folder stays until `removeData()`. */
  close(): Promise<void>;
  removeData(): void;
}

export const ADMIN_PASSWORD = 'test-admin-password-5d1c';

/** Starts a server on port 0. Pass `dataDir` to reopen an existing data folder. */
export async function startServer(overrides: Partial<ServerConfig> = {}): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'scimflow-test-'));
  const lines: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString('utf8'));
      callback();
    },
  });

  const config = defaultConfig({
    port: 0,
    dataDir,
    adminPassword: ADMIN_PASSWORD,
    webDistDir: path.join(dataDir, 'no-web-build'),
    logStream,
    ...overrides,
  });
  const app = await createApp(config);
  await app.listen({ host: '127.0.0.1', port: 0 });

  return {
    app,
    baseUrl: app.scimflow.publicUrl(),
    dataDir,
    config,
    logText: () => lines.join(''),
    close: () => app.close(),
    removeData: () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

/**
 * Starts one server before a test file's tests, and closes it and removes its data after them.
 * Returns a getter, because the server exists only once `beforeAll` has run.
 */
export function useTestServer(overrides: Partial<ServerConfig> = {}): () => TestServer {
  let server: TestServer | undefined;

  beforeAll(async () => {
    server = await startServer(overrides);
  });

  afterAll(async () => {
    await server?.close();
    server?.removeData();
  });

  return () => {
    if (!server) throw new Error('The test server starts in beforeAll; use it in tests.');
    return server;
  };
}
