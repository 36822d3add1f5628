import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startTestServers, type TestServers } from '../src/index.js';
import { send } from './helpers.js';

let servers: TestServers;
let token: string;
let spreadsheetId: string;

beforeAll(async () => {
  servers = await startTestServers();
});

afterAll(async () => {
  await servers.close();
});

beforeEach(async () => {
  await servers.reset();
  token = servers.google.issueAccessToken({
    clientEmail: 'sync@scimflow-test.iam.gserviceaccount.com',
  });
  spreadsheetId = servers.google.createSpreadsheet({
    title: 'Roster',
    sheets: [
      {
        title: 'Sheet1',
        rows: [
          ['email', 'name', 'team'],
          ['ada@example.com', 'Ada', 'eng'],
          ['grace@example.com', 'Grace', 'ops'],
        ],
      },
      { title: 'My Tab', rows: [] },
    ],
  }).spreadsheetId;
});

function valuesUrl(range: string, suffix = '', query = '') {
  return `${servers.google.sheetsBaseUrl}/spreadsheets/${spreadsheetId}/values/${encodeURIComponent(range)}${suffix}${query}`;
}

function rows(title = 'Sheet1') {
  return servers.google
    .viewSpreadsheet(spreadsheetId)
    .sheets.find((sheet) => sheet.title === title)!.rows;
}

describe('Sheets metadata and reads', () => {
  it('returns tabs with sheet ids', async () => {
    const response = await send(`${servers.google.sheetsBaseUrl}/spreadsheets/${spreadsheetId}`, {
      token,
    });

    expect(response.status).toBe(200);
    expect(response.body.properties.title).toBe('Roster');
    expect(
      response.body.sheets.map(
        (sheet: { properties: { sheetId: number; title: string } }) => sheet.properties,
      ),
    ).toMatchObject([
      {
        sheetId: 0,
        title: 'Sheet1',
        index: 0,
        gridProperties: { rowCount: 1000, columnCount: 26 },
      },
      { title: 'My Tab', index: 1 },
    ]);
  });

  it.each([
    ['Sheet1!A1:D', 'Sheet1!A1:D1000', 3],
    ['Sheet1', 'Sheet1!A1:Z1000', 3],
    ['A2:B', 'Sheet1!A2:B1000', 2],
    ['Sheet1!A:A', 'Sheet1!A1:A1000', 3],
  ])('reads %s', async (range, expectedRange, expectedRows) => {
    const response = await send(valuesUrl(range), { token });

    expect(response.status).toBe(200);
    expect(response.body.range).toBe(expectedRange);
    expect(response.body.majorDimension).toBe('ROWS');
    expect(response.body.values).toHaveLength(expectedRows);
  });

  it('reads several ranges with batchGet', async () => {
    const query = new URLSearchParams([
      ['ranges', 'Sheet1!A1:A2'],
      ['ranges', "'My Tab'!A1"],
    ]);

    const response = await send(
      `${servers.google.sheetsBaseUrl}/spreadsheets/${spreadsheetId}/values:batchGet?${query}`,
      { token },
    );

    expect(response.status).toBe(200);
    expect(response.body.spreadsheetId).toBe(spreadsheetId);
    expect(response.body.valueRanges).toEqual([
      { range: 'Sheet1!A1:A2', majorDimension: 'ROWS', values: [['email'], ['ada@example.com']] },
      { range: "'My Tab'!A1", majorDimension: 'ROWS' },
    ]);
  });

  it('omits values for an empty range', async () => {
    const response = await send(valuesUrl("'My Tab'!A:C"), { token });

    expect(response.body.range).toBe("'My Tab'!A1:C1000");
    expect(response.body).not.toHaveProperty('values');
  });

  it('reads columns when asked', async () => {
    const response = await send(valuesUrl('Sheet1!A1:B3', '', '?majorDimension=COLUMNS'), {
      token,
    });

    expect(response.body.values[0]).toEqual(['email', 'ada@example.com', 'grace@example.com']);
  });

  it.each(['Nope!A1', 'Sheet1!1A'])('rejects the range %s', async (range) => {
    const response = await send(valuesUrl(range), { token });

    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: { code: 400, message: `Unable to parse range: ${range}`, status: 'INVALID_ARGUMENT' },
    });
  });

  it('returns NOT_FOUND for an unknown spreadsheet', async () => {
    const response = await send(`${servers.google.sheetsBaseUrl}/spreadsheets/nope/values/A1`, {
      token,
    });

    expect(response.status).toBe(404);
    expect(response.body.error).toEqual({
      code: 404,
      message: 'Requested entity was not found.',
      status: 'NOT_FOUND',
    });
  });

  it('returns PERMISSION_DENIED when not shared', async () => {
    const privateId = servers.google.createSpreadsheet({
      title: 'Private',
      sharedWith: ['someone@example.com'],
    }).spreadsheetId;

    const response = await send(`${servers.google.sheetsBaseUrl}/spreadsheets/${privateId}`, {
      token,
    });

    expect(response.status).toBe(403);
    expect(response.body.error.status).toBe('PERMISSION_DENIED');
  });

  it('requires a bearer token', async () => {
    const response = await send(valuesUrl('Sheet1!A1'));

    expect(response.status).toBe(401);
    expect(response.body.error.status).toBe('UNAUTHENTICATED');
  });
});

describe('Sheets writes', () => {
  it('updates a row and returns the updated range', async () => {
    const response = await send(valuesUrl('Sheet1!A3:C3', '', '?valueInputOption=RAW'), {
      method: 'PUT',
      token,
      body: { values: [['grace@example.com', 'Grace Hopper', 'eng']] },
    });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      updatedRange: 'Sheet1!A3:C3',
      updatedRows: 1,
      updatedColumns: 3,
      updatedCells: 3,
    });
    expect(rows()[2]).toEqual(['grace@example.com', 'Grace Hopper', 'eng']);
  });

  it('requires valueInputOption', async () => {
    const response = await send(valuesUrl('Sheet1!A3'), {
      method: 'PUT',
      token,
      body: { values: [['x']] },
    });

    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('valueInputOption');
  });

  it('rejects data beyond a bounded range', async () => {
    const response = await send(valuesUrl('Sheet1!A3:B3', '', '?valueInputOption=RAW'), {
      method: 'PUT',
      token,
      body: { values: [['a', 'b', 'c']] },
    });

    expect(response.status).toBe(400);
  });

  it('parses user-entered numbers and booleans', async () => {
    await send(valuesUrl('Sheet1!D1:F1', '', '?valueInputOption=USER_ENTERED'), {
      method: 'PUT',
      token,
      body: { values: [['42', 'true', "'007"]] },
    });
    const unformatted = await send(
      valuesUrl('Sheet1!D1:F1', '', '?valueRenderOption=UNFORMATTED_VALUE'),
      { token },
    );
    const formatted = await send(valuesUrl('Sheet1!D1:F1'), { token });

    expect(unformatted.body.values[0]).toEqual([42, true, '007']);
    expect(formatted.body.values[0]).toEqual(['42', 'TRUE', '007']);
  });

  it('appends after the table', async () => {
    const response = await send(valuesUrl('Sheet1!A:C', ':append', '?valueInputOption=RAW'), {
      method: 'POST',
      token,
      body: { values: [['linus@example.com', 'Linus', 'eng']] },
    });

    expect(response.status).toBe(200);
    expect(response.body.tableRange).toBe('Sheet1!A1:C3');
    expect(response.body.updates).toMatchObject({
      spreadsheetId,
      updatedRange: 'Sheet1!A4:C4',
      updatedRows: 1,
      updatedColumns: 3,
      updatedCells: 3,
    });
    expect(rows()[3]).toEqual(['linus@example.com', 'Linus', 'eng']);
  });

  it('appends into the first gap with OVERWRITE', async () => {
    await send(valuesUrl('Sheet1!A5:C5', '', '?valueInputOption=RAW'), {
      method: 'PUT',
      token,
      body: { values: [['after-gap@example.com', 'Gap', 'ops']] },
    });

    const response = await send(
      valuesUrl('Sheet1', ':append', '?valueInputOption=RAW&insertDataOption=OVERWRITE'),
      {
        method: 'POST',
        token,
        body: { values: [['new@example.com', 'New', 'eng']] },
      },
    );

    expect(response.body.updates.updatedRange).toBe('Sheet1!A4:C4');
    expect(rows()[4]?.[0]).toBe('after-gap@example.com');
  });

  it('shifts rows down with INSERT_ROWS', async () => {
    await send(valuesUrl('Sheet1!A5:C5', '', '?valueInputOption=RAW'), {
      method: 'PUT',
      token,
      body: { values: [['after-gap@example.com', 'Gap', 'ops']] },
    });

    const response = await send(
      valuesUrl('Sheet1!A1:C3', ':append', '?valueInputOption=RAW&insertDataOption=INSERT_ROWS'),
      {
        method: 'POST',
        token,
        body: { values: [['a@example.com'], ['b@example.com']] },
      },
    );

    expect(response.body.updates.updatedRange).toBe('Sheet1!A4:A5');
    expect(rows()[6]?.[0]).toBe('after-gap@example.com');
  });

  it('appends to an empty tab at the range start', async () => {
    const response = await send(valuesUrl("'My Tab'!B2:D", ':append', '?valueInputOption=RAW'), {
      method: 'POST',
      token,
      body: { values: [['x', 'y']] },
    });

    expect(response.body).not.toHaveProperty('tableRange');
    expect(response.body.updates.updatedRange).toBe("'My Tab'!B2:C2");
  });

  it('appends at the table start column', async () => {
    const offset = servers.google.createSpreadsheet({
      title: 'Offset',
      sheets: [
        {
          title: 'Data',
          rows: [
            [null, 'h1', 'h2'],
            [null, 'a', 'b'],
          ],
        },
      ],
    }).spreadsheetId;

    const response = await send(
      `${servers.google.sheetsBaseUrl}/spreadsheets/${offset}/values/${encodeURIComponent('Data!A:Z')}:append?valueInputOption=RAW`,
      { method: 'POST', token, body: { values: [['c', 'd']] } },
    );

    expect(response.body.tableRange).toBe('Data!B1:C2');
    expect(response.body.updates.updatedRange).toBe('Data!B3:C3');
  });

  it('clears a range without removing rows', async () => {
    const response = await send(valuesUrl('Sheet1!A2:C2', ':clear'), {
      method: 'POST',
      token,
      body: {},
    });

    expect(response.body.clearedRange).toBe('Sheet1!A2:C2');
    expect(rows()).toHaveLength(3);
    expect(rows()[2]?.[0]).toBe('grace@example.com');
  });
});

describe('Sheets batchUpdate', () => {
  const batchUrl = () =>
    `${servers.google.sheetsBaseUrl}/spreadsheets/${spreadsheetId}:batchUpdate`;

  it('deletes a row', async () => {
    const response = await send(batchUrl(), {
      method: 'POST',
      token,
      body: {
        requests: [
          {
            deleteDimension: {
              range: { sheetId: 0, dimension: 'ROWS', startIndex: 1, endIndex: 2 },
            },
          },
        ],
      },
    });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ spreadsheetId, replies: [{}] });
    expect(rows().map((row) => row[0])).toEqual(['email', 'grace@example.com']);
  });

  it('applies nothing when one request fails', async () => {
    const response = await send(batchUrl(), {
      method: 'POST',
      token,
      body: {
        requests: [
          {
            deleteDimension: {
              range: { sheetId: 0, dimension: 'ROWS', startIndex: 1, endIndex: 2 },
            },
          },
          {
            deleteDimension: {
              range: { sheetId: 999, dimension: 'ROWS', startIndex: 0, endIndex: 1 },
            },
          },
        ],
      },
    });

    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(
      'Invalid requests[1].deleteDimension: No grid with id: 999',
    );
    expect(rows()).toHaveLength(3);
  });

  it('rejects deleting every row', async () => {
    const response = await send(batchUrl(), {
      method: 'POST',
      token,
      body: {
        requests: [
          {
            deleteDimension: {
              range: { sheetId: 0, dimension: 'ROWS', startIndex: 0, endIndex: 1000 },
            },
          },
        ],
      },
    });

    expect(response.status).toBe(400);
  });
});

describe('Sheets quota', () => {
  it('returns RESOURCE_EXHAUSTED past the per-minute quota', async () => {
    servers.google.configureSheets({ readRequestsPerMinute: 1 });
    await send(valuesUrl('Sheet1!A1'), { token });

    const response = await send(valuesUrl('Sheet1!A1'), { token });

    expect(response.status).toBe(429);
    expect(response.body.error.status).toBe('RESOURCE_EXHAUSTED');
    expect(response.body.error.details[0].reason).toBe('RATE_LIMIT_EXCEEDED');
  });
});
