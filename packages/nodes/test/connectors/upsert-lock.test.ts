import type { Worker } from 'node:worker_threads';
import { startTestServers, type TestServers } from '@scimflow/testservers';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sheetsUpsertRow } from '../../src/connectors/index.js';
import type { ResolvedCredential } from '../../src/define.js';
import { keyLockMemory, useKeyLockMemory } from '../../src/connectors/sheets/key-lock.js';
import { seedServiceAccount } from './google-fixture.js';
import { runNode, runNodeError } from './harness.js';
import { startLockHolder } from './lock-holder.js';

const LEASE_MS = 200;

let servers: TestServers;
let credential: ResolvedCredential;
let holder: Worker | undefined;

beforeAll(async () => {
  servers = await startTestServers();
  useKeyLockMemory(keyLockMemory(), { leaseMs: LEASE_MS, waitLimitMs: LEASE_MS * 3 });
});

beforeEach(async () => {
  await servers.reset();
  credential = seedServiceAccount(servers);
  servers.google.createSpreadsheet({
    title: 'People',
    spreadsheetId: 'people',
    sheets: [{ title: 'Staff list', rows: [['Email', 'Name']] }],
  });
});

afterEach(async () => {
  await holder?.terminate();
  holder = undefined;
});

afterAll(async () => {
  await servers.close();
});

const ada = {
  spreadsheetId: 'people',
  sheet: 'Staff list',
  keyColumn: 'Email',
  values: { Email: 'ada@example.com', Name: 'Ada' },
};

describe('sheets.upsertRow with a held tab lock', () => {
  it('fails retryable and writes nothing', async () => {
    // The upsert locks the tab by spreadsheet id and tab name.
    holder = await startLockHolder('people\u0000Staff list', LEASE_MS);

    const error = (await runNodeError(sheetsUpsertRow, ada, { credential })) as Error & {
      code?: string;
      retryable?: boolean;
    };

    expect(error.code).toBe('key_lock_timeout');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('tab "Staff list" of spreadsheet people');
    expect(servers.requests.count({ api: 'google', method: 'GET', path: '/v4/**' })).toBe(0);
    expect(servers.google.viewSpreadsheet('people').sheets[0]!.rows).toHaveLength(1);
  });

  it('runs once the holder thread is gone', async () => {
    holder = await startLockHolder('people\u0000Staff list', LEASE_MS);
    await holder.terminate();

    const result = await runNode(sheetsUpsertRow, ada, { credential });

    expect(result.outcome).toBe('created');
    expect(
      servers.requests.count({ api: 'google', method: 'GET', path: '/v4/**' }),
    ).toBeGreaterThan(0);
    expect(result.logs.some((line) => line.includes('took over an expired key lock'))).toBe(true);
    expect(servers.google.viewSpreadsheet('people').sheets[0]!.rows).toEqual([
      ['Email', 'Name'],
      ['ada@example.com', 'Ada'],
    ]);
  });
});
