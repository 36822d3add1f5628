import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ServiceAccountKey } from '../src/index.js';
import { requestToken, signAssertion } from './google-helpers.js';
import { send } from './helpers.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
let child: ChildProcess;
let outDir: string;
let banner = '';

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'testservers-cli-'));
  child = spawn(
    process.execPath,
    [
      '--conditions=@scimflow/source',
      '--import',
      'tsx',
      'src/cli.ts',
      '--port',
      '0',
      '--out',
      outDir,
    ],
    {
      cwd: packageDir,
      env: { ...process.env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`CLI did not start within 20 s; output: ${banner}`)),
      20_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      banner += chunk.toString();
      if (banner.includes('Stop with Ctrl+C')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`CLI exited with ${code}: ${banner}`)));
  });
});

afterAll(() => {
  if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGTERM');
  rmSync(outDir, { recursive: true, force: true });
});

function bannerValue(label: string): string {
  const line = banner.split('\n').find((value) => value.trimStart().startsWith(label));
  return line?.slice(line.indexOf(label) + label.length).trim() ?? '';
}

describe('demo command', () => {
  it('seeds org acme with a working token', async () => {
    const token = bannerValue('GitHub org / token').split(' / ')[1]!;

    const response = await send(`${bannerValue('GitHub baseUrl')}/orgs/acme/teams`, { token });

    expect(response.status).toBe(200);
    expect(response.body.map((team: { slug: string }) => team.slug)).toEqual([
      'engineering',
      'design',
    ]);
  });

  it('writes a usable service-account key file', async () => {
    const keyFile = join(outDir, 'google-service-account.json');
    const key = JSON.parse(readFileSync(keyFile, 'utf8')) as ServiceAccountKey;

    const response = await requestToken(key.token_uri, await signAssertion(key));

    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(key.token_uri).toBe(bannerValue('Google token_uri'));
    expect(response.status).toBe(200);
  });

  it('seeds the Roster sheet with a header row', async () => {
    const origin = bannerValue('ScimFlow test servers on');
    const state = await send(`${origin}/__control/state`);

    const roster = state.body.google.spreadsheets.find(
      (value: { title: string }) => value.title === 'Roster',
    );
    expect(roster.sheets[0].rows).toEqual([
      ['email', 'givenName', 'familyName', 'githubLogin', 'status'],
    ]);
  });
});
