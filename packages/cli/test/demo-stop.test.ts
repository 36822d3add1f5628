import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = path.join(import.meta.dirname, '..', 'bin', 'scimflow.mjs');

let dataDir: string | undefined;
let groupId: number | undefined;

afterEach(() => {
  // A failed test must not leave the demo's processes running.
  if (groupId !== undefined) {
    try {
      process.kill(-groupId, 'SIGKILL');
    } catch {
      // The group has already exited.
    }
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  groupId = undefined;
  dataDir = undefined;
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Returns the ids of the processes still in the process group. */
function groupMembers(group: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        // Field 5 (after the command in parentheses) is the process group id.
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) === group;
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('scimflow demo', () => {
  it('stops with its server on Ctrl+C, sent twice', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scimflow-demo-stop-'));
    const [appPort, testPort] = [await freePort(), await freePort()];
    // detached: the demo gets its own process group, as a shell gives a foreground command.
    const child = spawn(
      process.execPath,
      [
        BIN,
        'demo',
        '--port',
        String(appPort),
        '--test-port',
        String(testPort),
        '--data-dir',
        dataDir,
      ],
      { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    groupId = child.pid!;
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));

    await expect
      .poll(() => output, { timeout: 90_000, interval: 200 })
      .toContain('Stop the demo with Ctrl+C');
    expect(groupMembers(groupId).length).toBeGreaterThan(2);
    // Every example flow works against the test servers, so no execution may fail.
    expect(output).toMatch(/\n[1-9]\d* executions succeeded, 0 failed\n/);

    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    process.kill(-groupId, 'SIGINT');
    // The wrapper's forwarded copy may arrive after the first signal was handled, like a second
    // Ctrl+C; it must not end the demo before its server.
    await new Promise((resolve) => setTimeout(resolve, 200));
    try {
      process.kill(-groupId, 'SIGINT');
    } catch (error) {
      // ESRCH: everything stopped within the 200 ms already.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }

    expect(await exited).toBe(0);
    await expect.poll(() => groupMembers(groupId!), { timeout: 20_000 }).toEqual([]);
    expect(fs.readFileSync(path.join(dataDir, 'scimflow.log'), 'utf8')).toContain(
      '"msg":"stopped"',
    );
  }, 120_000);
});
