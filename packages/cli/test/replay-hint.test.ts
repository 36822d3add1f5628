import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { loadCases, type CaseResult } from '@scimflow/testservers/replay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { usedEndpointHint } from '../src/commands/replay-hint.js';
import { startAppProcess, type AppProcess } from '../src/demo/app-process.js';

const run = promisify(execFile);
const repositoryRoot = join(import.meta.dirname, '..', '..', '..');
const cli = join(repositoryRoot, 'packages', 'cli', 'bin', 'scimflow.mjs');
const traffic = join('examples', 'traffic');
const token = 'replay-hint-bearer-token';
const basic = 'replay-hint:basic-password';

/**
 * Replays one recording into the default endpoint with its bearer token and Basic credentials;
 * resolves with the exit code and output.
 */
async function replay(url: string, file: string, bearer = token) {
  const endpoint = `${url}/scim/v2/default`;
  const result = await run(
    process.execPath,
    [
      cli,
      'replay',
      join(traffic, file),
      ...['--endpoint', endpoint, '--token', bearer, '--basic', basic],
    ],
    { cwd: repositoryRoot },
  ).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );
  return { ...result, endpoint };
}

describe('replay into a used endpoint', () => {
  let dataDir: string;
  let app: AppProcess;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'scimflow-replay-hint-'));
    app = await startAppProcess({
      repositoryRoot,
      port: 0,
      dataDir: join(dataDir, 'scimflow'),
      logFile: join(dataDir, 'scimflow.log'),
      env: {
        SCIMFLOW_ADMIN_PASSWORD: 'replay-hint-admin-password',
        SCIMFLOW_SCIM_TOKEN: token,
        SCIMFLOW_SCIM_BASIC: basic,
        LOG_LEVEL: 'warn',
      },
    });
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('hints at a create that conflicts', async () => {
    const file = 'asgardeo-scim2-new-hires.json';
    expect((await replay(app.url, file)).stdout).toContain('pass  asgardeo-scim2-new-hires');

    const second = await replay(app.url, file);

    expect(second.code).toBe(1);
    expect(second.stdout).toContain('FAIL  asgardeo-scim2-new-hires: step 1');
    expect(second.stdout).toContain('Its create got 409 Conflict (scimType uniqueness)');
    expect(second.stdout).toContain('holds user "');
    expect(second.stdout).toContain(
      `pnpm -s scimflow replay ${join(traffic, file)} --new-endpoints --url ${app.url}`,
    );
    expect(second.stdout).toContain(`DELETE ${second.endpoint}/Users/<id>`);
  });

  it('hints at a search that finds data', async () => {
    const file = 'okta-user-lifecycle.json';
    expect((await replay(app.url, file)).stdout).toContain('pass  okta-user-lifecycle');

    const second = await replay(app.url, file);

    expect(second.code).toBe(1);
    expect(second.stdout).toContain('FAIL  okta-user-lifecycle: step 1');
    expect(second.stdout).toContain('A search that expected no results found 1');
    expect(second.stdout).toContain('holds user "ines.ward@example.org"');
    expect(second.stdout).toContain(
      `GET ${second.endpoint}/Users?filter=userName%20eq%20%22ines.ward%40example.org%22`,
    );
  });

  it('gives no hint for a rejected token', async () => {
    const result = await replay(app.url, 'entra-user-lifecycle.json', 'wrong-token');

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL  entra-user-lifecycle: step 1');
    expect(result.stdout).toContain('status 401');
    expect(result.stdout).not.toContain('hint:');
  });
});

describe('usedEndpointHint', () => {
  const [lifecycle] = loadCases(join(repositoryRoot, traffic)).filter(
    (replayCase) => replayCase.name === 'okta-user-lifecycle',
  );
  const run = { source: 'okta.json', endpoint: 'http://127.0.0.1:3000/scim/v2/default' };

  /** Builds a failure of step `step` with the response status and body that `runCase` appends. */
  function failure(step: number, status: number, body: string): CaseResult {
    return {
      name: 'okta-user-lifecycle',
      passed: false,
      failedStep: step,
      request: 'recorded request',
      reason: `some mismatch; response ${status}: ${body}`,
    };
  }

  it.each([
    ['search before the create finds data', 1, 200, '{"totalResults":2}', true],
    ['search before the create is empty', 1, 200, '{"totalResults":0}', false],
    ['create conflicts', 2, 409, '{"scimType":"uniqueness"}', true],
    ['create is rejected as invalid', 2, 400, '{"scimType":"invalidValue"}', false],
    ['read after the create finds data', 3, 200, '{"totalResults":1}', false],
  ])('%s', (_case, step, status, body, hinted) => {
    const hint = usedEndpointHint(lifecycle!, failure(step, status, body), run);

    expect(hint !== undefined).toBe(hinted);
  });

  it('names the filter attribute of a search', () => {
    const [entra] = loadCases(join(repositoryRoot, traffic)).filter(
      (replayCase) => replayCase.name === 'entra-user-lifecycle',
    );
    const hint = usedEndpointHint(entra!, failure(1, 200, '{"totalResults":1}'), run);

    expect(hint?.[0]).toContain('the user with externalId "7c1e5b0a-3f2d-4a8e-9b61-2d4f8a0c6e13"');
    const lookup = hint?.[2]?.match(/GET (\S+),/)?.[1];
    expect(lookup).toBe(
      'http://127.0.0.1:3000/scim/v2/default/Users?filter=externalId%20eq%20%227c1e5b0a-3f2d-4a8e-9b61-2d4f8a0c6e13%22',
    );
    expect(new URL(lookup!).searchParams.get('filter')).toBe(
      'externalId eq "7c1e5b0a-3f2d-4a8e-9b61-2d4f8a0c6e13"',
    );
  });

  it('no response, no hint', () => {
    const result: CaseResult = { name: 'x', passed: false, failedStep: 1, reason: 'bad variable' };

    expect(usedEndpointHint(lifecycle!, result, run)).toBeUndefined();
  });
});
