import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = path.join(import.meta.dirname, '..', 'bin', 'scimflow.mjs');
const REPO = path.join(import.meta.dirname, '..', '..', '..');

let blocker: Server | undefined;
let dataDir: string | undefined;

afterEach(() => {
  blocker?.close();
  blocker = undefined;
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

/** Listens on a free loopback port and returns it, so that nothing else can. */
async function takenPort(): Promise<number> {
  blocker = createServer();
  await new Promise<void>((resolve) => blocker!.listen(0, '127.0.0.1', resolve));
  return (blocker.address() as { port: number }).port;
}

function scimflow(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('scimflow errors', () => {
  it('replay names an endpoint that does not answer', async () => {
    const port = await takenPort();
    // The port was free a moment ago and is closed again, so no server accepts connections there.
    blocker!.close();
    const endpoint = `http://127.0.0.1:${port}/scim/v2/default`;

    const result = scimflow(
      'replay',
      'examples/traffic/okta-user-lifecycle.json',
      '--endpoint',
      endpoint,
      '--token',
      'unused',
    );

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Cannot reach ${endpoint}`);
    expect(result.stderr).toContain('--endpoint');
  });

  it('flows import names a missing file', () => {
    const file = path.join(os.tmpdir(), 'scimflow-no-such-flow.json');

    const result = scimflow('flows', 'import', file, '--password', 'unused');

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Flow file ${file} was not found`);
    expect(result.stderr).not.toContain('ENOENT');
  });

  it('demo names a taken test server port', async () => {
    const port = await takenPort();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scimflow-demo-port-'));

    const result = scimflow('demo', '--test-port', String(port), '--data-dir', dataDir);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Port ${port} for the test servers is in use`);
    expect(result.stderr).toContain('--test-port');
  });
});
