import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startAppProcess, type AppProcess } from '../src/demo/app-process.js';

const run = promisify(execFile);
const repositoryRoot = join(import.meta.dirname, '..', '..', '..');
const cli = join(repositoryRoot, 'packages', 'cli', 'bin', 'scimflow.mjs');
const adminPassword = 'flows-remote-errors-password';
const flowFile = join(repositoryRoot, 'examples', 'flows', 'leaver.json');
const loggingFlowFile = join(import.meta.dirname, 'fixtures', 'logging-flow.json');

let dataDir: string;
let app: AppProcess;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'scimflow-flows-errors-'));
  app = await startAppProcess({
    repositoryRoot,
    port: 0,
    dataDir: join(dataDir, 'scimflow'),
    logFile: join(dataDir, 'scimflow.log'),
    env: { SCIMFLOW_ADMIN_PASSWORD: adminPassword, LOG_LEVEL: 'warn' },
  });
}, 90_000);

afterAll(async () => {
  await app?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Runs the command line signed in as the admin and resolves with the exit code and output. */
async function scimflow(...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [cli, ...args, '--url', app.url, '--password', adminPassword],
      { cwd: repositoryRoot },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe('flows commands against a server', () => {
  it('export of an unknown id names flows list', async () => {
    const result = await scimflow('flows', 'export', 'no-such-flow');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No flow with id "no-such-flow"');
    expect(result.stderr).toContain('pnpm -s scimflow flows list');
    expect(result.stderr).not.toContain('/api/flows');
  });

  it('publish of an unknown id names flows list', async () => {
    const result = await scimflow('flows', 'publish', 'no-such-flow');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('pnpm -s scimflow flows list');
    expect(result.stderr).not.toContain('/api/flows');
  });

  it('publish of an unchanged flow keeps its version', async () => {
    const imported = await scimflow('flows', 'import', loggingFlowFile);
    const id = imported.stdout.match(/ as (\S+) \(draft\)/)?.[1];
    expect(id).toBeDefined();

    const first = await scimflow('flows', 'publish', id!);
    expect(first.stdout).toContain(`Published flow ${id} as version 1`);

    const second = await scimflow('flows', 'publish', id!);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`Flow ${id} has no changes since version 1`);
  });

  it('import of a taken name advises --name once', async () => {
    expect((await scimflow('flows', 'import', flowFile)).code).toBe(0);

    const result = await scimflow('flows', 'import', flowFile);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('A flow named "Leaver" already exists');
    expect(result.stderr).toContain('--name "<another name>"');
    expect(occurrences(result.stderr, 'under a new name')).toBe(1);
  });
});
