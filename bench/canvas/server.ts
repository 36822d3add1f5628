import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A ScimFlow server that the benchmark started as a child process. */
export interface BenchServer {
  url: string;
  adminPassword: string;
  pid: number;
  stop(): Promise<void>;
}

const repositoryRoot = join(import.meta.dirname, '..', '..');

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  if (!address || typeof address === 'string') throw new Error('Could not find a free TCP port');
  return address.port;
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The server at ${url} did not return 200 on GET /healthz within ${timeoutMs} ms`);
}

/**
 * Starts `apps/server/src/main.ts` on a free port of 127.0.0.1 with a temporary data folder. It
 * serves the built designer, so run `pnpm --filter @scimflow/web build` first.
 */
export async function startBenchServer(): Promise<BenchServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'scimflow-canvas-bench-'));
  const adminPassword = `bench-${process.pid}-${Date.now()}`;

  const child = spawn(
    process.execPath,
    ['--conditions=@scimflow/source', '--import', 'tsx', 'apps/server/src/main.ts'],
    {
      cwd: repositoryRoot,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        SCIMFLOW_DATA_DIR: dataDir,
        SCIMFLOW_ADMIN_PASSWORD: adminPassword,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (child.pid === undefined) throw new Error('Could not start the ScimFlow server process');
  const pid = child.pid;

  const stop = async () => {
    if (child.exitCode === null) {
      process.kill(pid, 'SIGTERM');
      await once(child, 'exit');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(url, child, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, adminPassword, pid, stop };
}
