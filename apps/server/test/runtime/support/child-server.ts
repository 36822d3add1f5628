import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../../../..');

/** A ScimFlow server running as a child process, as `pnpm serve` starts it. */
export interface ChildServer {
  process: ChildProcess;
  /** `http://127.0.0.1:PORT/scim/v2/default/Users`. */
  usersUrl: string;
  baseUrl: string;
  /** Every stdout and stderr line so far. */
  output(): string;
  /** Sends SIGKILL and resolves when the process has exited. */
  kill(): Promise<void>;
}

/**
 * Starts `apps/server/src/main.ts` with the given environment on 127.0.0.1 and a free port, and
 * resolves once it logs that it is ready. Rejects with its output when it exits first.
 */
export function startChildServer(env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(
    process.execPath,
    ['--conditions=@scimflow/source', '--import', 'tsx', 'apps/server/src/main.ts'],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const chunks: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  return new Promise((resolve, reject) => {
    let pending = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      chunks.push(text);
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';

      for (const line of lines) {
        if (!line.includes('ScimFlow is ready')) continue;
        const { usersUrl } = JSON.parse(line) as { usersUrl: string };
        resolve({
          process: child,
          usersUrl,
          baseUrl: new URL(usersUrl).origin,
          output: () => chunks.join(''),
          kill: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
            await exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
    child.once('exit', (code, signal) =>
      reject(
        new Error(`server exited (${code ?? signal}) before it was ready:\n${chunks.join('')}`),
      ),
    );
  });
}
