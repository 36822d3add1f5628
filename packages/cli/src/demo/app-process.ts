import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The ScimFlow server started as a child process, exactly as `pnpm start` runs it. */
export interface AppProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Options for the child server: where it listens and keeps data, and its first-start env. */
export interface AppProcessOptions {
  repositoryRoot: string;
  port: number;
  dataDir: string;
  env: Record<string, string>;
  logFile: string;
}

/**
 * Starts the server with its log in a file and waits until `/healthz` responds. Port 0 picks a
 * free port first, because the child's own choice would not be known here.
 */
export async function startAppProcess(options: AppProcessOptions): Promise<AppProcess> {
  const port = options.port === 0 ? await findFreePort() : options.port;
  const url = `http://127.0.0.1:${port}`;
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child = spawn(
    process.execPath,
    [
      '--conditions=@scimflow/source',
      // Resolved from the repository root, whose dependencies include tsx.
      '--import',
      'tsx',
      join(options.repositoryRoot, 'apps', 'server', 'src', 'main.ts'),
    ],
    {
      cwd: options.repositoryRoot,
      env: {
        ...process.env,
        ...options.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        SCIMFLOW_DATA_DIR: options.dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) => {
      const reason = startFailure(options.logFile);
      reject(
        new Error(
          `ScimFlow exited with code ${code} while starting${reason ? `: ${reason}` : ''}. See ${options.logFile}`,
        ),
      );
    });
  });
  await Promise.race([waitForHealth(url), exited]);

  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const healthy = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`ScimFlow did not respond on ${url}/healthz within 60 s`);
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Returns the reason the server's log gives for a failed start, such as a port in use. */
function startFailure(logFile: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return undefined;
  }
  if (text.includes('EADDRINUSE')) {
    return 'its port is in use by another program; choose another with --port';
  }
  const failed = text.split('\n').find((line) => line.startsWith('ScimFlow failed to start'));
  return failed?.slice(0, 300);
}
