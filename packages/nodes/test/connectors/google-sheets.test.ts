import { startTestServers, type TestServers } from '@scimflow/testservers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  sheetsAppendRow,
  sheetsDeleteRow,
  sheetsUpdateRow,
  sheetsUpsertRow,
} from '../../src/connectors/index.js';
import type { ResolvedCredential } from '../../src/define.js';
import type { ConnectorError } from '../../src/http/index.js';
import { seedServiceAccount, secretFree } from './google-fixture.js';
import { CANARY, runNode, runNodeError } from './harness.js';

let servers: TestServers;
let credential: ResolvedCredential;

beforeAll(async () => {
  servers = await startTestServers();
});

afterAll(async () => {
  await servers.close();
});

beforeEach(async () => {
  await servers.reset();
  credential = seedServiceAccount(servers);
  servers.google.createSpreadsheet({
    title: 'People',
    spreadsheetId: 'people',
    sheets: [
      {
        title: 'Staff list',
        rows: [
          ['Email', 'Name', 'Team'],
          ['grace@example.com', 'Grace', 'Ops'],
          ['linus@example.com', 'Linus', 'Kernel'],
        ],
      },
    ],
  });
});

const sheet = { spreadsheetId: 'people', sheet: 'Staff list' };
const ada = {
  ...sheet,
  keyColumn: 'Email',
  values: { Email: 'ada@example.com', Name: 'Ada', Team: 'Platform' },
};

function rows() {
  return servers.google.viewSpreadsheet('people').sheets[0]!.rows;
}

describe('sheets.appendRow', () => {
  it('appends a row in header order', async () => {
    const result = await runNode(
      sheetsAppendRow,
      { ...sheet, values: { Team: 'Platform', Email: 'ada@example.com' } },
      { credential },
    );

    expect(result.outcome).toBe('created');
    expect(result.output).toMatchObject({ row: 4 });
    expect(rows()[3]).toEqual(['ada@example.com', '', 'Platform']);
    expect(JSON.stringify(result)).not.toContain(CANARY);
  });

  it.each([
    { mode: 'error' as const, name: '500' },
    { mode: 'reset' as const, name: 'dropped connection' },
  ])('appends once when the append applies then fails with $name', async ({ mode }) => {
    servers.faults.add({
      api: 'google',
      method: 'POST',
      path: '/v4/spreadsheets/people/values/**',
      action: { kind: 'applyThenFail', mode },
    });

    const result = await runNode(sheetsAppendRow, { ...sheet, values: ada.values }, { credential });

    expect(servers.faults.list()).toEqual([]);

    expect(result.outcome).toBe('created');
    expect(result.output).toMatchObject({ row: 4 });
    expect(rows()).toHaveLength(4);
  });

  it('names the headers for an unknown column', async () => {
    const error = await runNodeError(
      sheetsAppendRow,
      { ...sheet, values: { Mail: 'ada@example.com' } },
      { credential },
    );

    expect((error as ConnectorError).code).toBe('config');
    expect(error.message).toContain(
      'column "Mail" is not in the header row (headers: "Email", "Name", "Team")',
    );
  });

  it('explains an unknown spreadsheet', async () => {
    const error = await runNodeError(
      sheetsAppendRow,
      { ...sheet, spreadsheetId: 'missing', values: ada.values },
      { credential },
    );

    expect((error as ConnectorError).status).toBe(404);
    expect(error.message).toContain('share the spreadsheet with the service account');
    expect(secretFree(error)).not.toContain(CANARY);
  });

  it('retries a read rejected with 429', async () => {
    servers.faults.add({
      api: 'google',
      method: 'GET',
      path: '/v4/spreadsheets/people/values/**',
      action: { kind: 'rateLimit', retryAfterSeconds: null },
    });

    const result = await runNode(sheetsAppendRow, { ...sheet, values: ada.values }, { credential });

    expect(result.outcome).toBe('created');
    expect(
      servers.requests.count({
        api: 'google',
        method: 'GET',
        path: '/v4/spreadsheets/people/values/**',
      }),
    ).toBe(2);
  });
});

describe('sheets.updateRow', () => {
  it('overwrites the given columns of the matching row', async () => {
    const result = await runNode(
      sheetsUpdateRow,
      { ...sheet, keyColumn: 'Email', values: { Email: 'linus@example.com', Team: 'Git' } },
      { credential },
    );

    expect(result.outcome).toBe('updated');
    expect(rows()[2]).toEqual(['linus@example.com', 'Linus', 'Git']);
  });

  it('reports unchanged for equal values', async () => {
    const result = await runNode(
      sheetsUpdateRow,
      { ...sheet, keyColumn: 'Email', values: { Email: 'grace@example.com', Team: 'Ops' } },
      { credential },
    );

    expect(result.outcome).toBe('unchanged');
    expect(servers.requests.count({ api: 'google', method: 'PUT' })).toBe(0);
  });

  it('reports absent when no row matches', async () => {
    const result = await runNode(sheetsUpdateRow, ada, { credential });

    expect(result.outcome).toBe('absent');
    expect(rows()).toHaveLength(3);
  });

  it('requires a value for the key column', async () => {
    const error = await runNodeError(
      sheetsUpdateRow,
      { ...sheet, keyColumn: 'Email', values: { Team: 'Ops' } },
      { credential },
    );

    expect((error as ConnectorError).code).toBe('config');
    expect(error.message).toContain('Values has no value for the key column "Email"');
  });
});

describe('sheets.upsertRow', () => {
  it('appends, then updates the same key', async () => {
    const first = await runNode(sheetsUpsertRow, ada, { credential });
    const second = await runNode(
      sheetsUpsertRow,
      { ...ada, values: { ...ada.values, Team: 'Research' } },
      { credential },
    );

    expect(first.outcome).toBe('created');
    expect(second.outcome).toBe('updated');
    expect(rows()).toHaveLength(4);
    expect(rows()[3]).toEqual(['ada@example.com', 'Ada', 'Research']);
  });

  it('keeps one row when upserts of the same key overlap', async () => {
    const results = await Promise.all(
      ['Platform', 'Research', 'Ops'].map((team) =>
        runNode(sheetsUpsertRow, { ...ada, values: { ...ada.values, Team: team } }, { credential }),
      ),
    );

    expect(results.map((result) => result.outcome).sort()).toEqual([
      'created',
      'updated',
      'updated',
    ]);
    expect(rows().filter((row) => row[0] === 'ada@example.com')).toEqual([
      ['ada@example.com', 'Ada', 'Ops'],
    ]);
  });

  it('sends no write in a dry run', async () => {
    const result = await runNode(sheetsUpsertRow, ada, { credential, dryRun: true });

    expect(result.outcome).toBe('skipped');
    expect(servers.requests.count({ api: 'google', method: 'POST', path: '/v4/**' })).toBe(0);
    expect(servers.requests.count({ api: 'google', method: 'PUT' })).toBe(0);
    expect(rows()).toHaveLength(3);
  });
});

describe('sheets.deleteRow', () => {
  const grace = { ...sheet, keyColumn: 'Email', keyValue: 'grace@example.com' };

  it('deletes the matching row, then reports absent', async () => {
    const first = await runNode(sheetsDeleteRow, grace, { credential });
    const second = await runNode(sheetsDeleteRow, grace, { credential });

    expect(first.outcome).toBe('deleted');
    expect(first.output).toMatchObject({ deletedRows: [2] });
    expect(second.outcome).toBe('absent');
    expect(rows()).toEqual([
      ['Email', 'Name', 'Team'],
      ['linus@example.com', 'Linus', 'Kernel'],
    ]);
  });

  it('deletes one row when the batch applies then fails', async () => {
    servers.faults.add({
      api: 'google',
      method: 'POST',
      path: '/v4/spreadsheets/people:batchUpdate',
      action: { kind: 'applyThenFail' },
    });

    const result = await runNode(sheetsDeleteRow, grace, { credential });

    expect(servers.faults.list()).toEqual([]);

    expect(result.outcome).toBe('deleted');
    expect(
      servers.requests.count({
        api: 'google',
        method: 'POST',
        path: '/v4/spreadsheets/people:batchUpdate',
      }),
    ).toBe(1);
    expect(rows()).toHaveLength(2);
    expect(rows()[1]?.[0]).toBe('linus@example.com');
  });

  it('names the tabs for an unknown tab', async () => {
    servers.google.createSpreadsheet({
      title: 'Other',
      spreadsheetId: 'other',
      sheets: [{ title: 'Sheet1', rows: [['Email'], ['x@example.com']] }],
    });

    const error = await runNodeError(
      sheetsDeleteRow,
      { ...grace, spreadsheetId: 'other', sheet: 'Staff' },
      { credential },
    );

    expect((error as ConnectorError).status).toBe(400);
    expect(error.message).toContain('Check the tab name');
  });
});
