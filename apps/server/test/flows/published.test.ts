import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_FORMAT_VERSION, type FlowDocument } from '@scimflow/flow';
import { openDatabase, type OpenDatabase } from '../../src/db/database.js';
import { getFlowVersion, listPublishedFlows } from '../../src/flows/published.js';

let dataDir: string;
let database: OpenDatabase;

function documentNamed(name: string): FlowDocument {
  return {
    formatVersion: FLOW_FORMAT_VERSION,
    name,
    description: '',
    nodes: [],
    edges: [],
    credentials: [],
  };
}

async function insertFlow(id: string, enabled: boolean, createdAt: string): Promise<void> {
  await database.db
    .insertInto('flows')
    .values({
      id,
      name: id,
      name_lower: id,
      description: '',
      enabled: enabled ? 1 : 0,
      draft: JSON.stringify(documentNamed(`${id} draft`)),
      created_at: createdAt,
      updated_at: createdAt,
    })
    .execute();
}

async function insertVersion(flowId: string, version: number, publishedAt: string): Promise<void> {
  await database.db
    .insertInto('flow_versions')
    .values({
      flow_id: flowId,
      version,
      document: JSON.stringify(documentNamed(`${flowId} v${version}`)),
      note: '',
      published_by: 'admin',
      published_at: publishedAt,
    })
    .execute();
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scimflow-published-'));
  database = await openDatabase(dataDir);

  await insertFlow('onboarding', true, '2026-01-01T00:00:00.000Z');
  await insertVersion('onboarding', 1, '2026-01-02T00:00:00.000Z');
  await insertVersion('onboarding', 2, '2026-01-04T00:00:00.000Z');

  await insertFlow('offboarding', true, '2026-01-01T00:00:01.000Z');
  await insertVersion('offboarding', 1, '2026-01-03T00:00:00.000Z');

  await insertFlow('disabled', false, '2026-01-01T00:00:02.000Z');
  await insertVersion('disabled', 1, '2026-01-02T00:00:00.000Z');

  await insertFlow('never-published', true, '2026-01-01T00:00:03.000Z');
});

afterAll(async () => {
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('listPublishedFlows', () => {
  it.each([
    ['2026-01-01T12:00:00.000Z', []],
    ['2026-01-02T00:00:00.000Z', [['onboarding', 1]]],
    [
      '2026-01-03T12:00:00.000Z',
      [
        ['onboarding', 1],
        ['offboarding', 1],
      ],
    ],
    [
      '2026-01-05T00:00:00.000Z',
      [
        ['onboarding', 2],
        ['offboarding', 1],
      ],
    ],
  ])('at %s pins %j', async (at, expected) => {
    const published = await listPublishedFlows(database.db, at);
    expect(published.map((flow) => [flow.flowId, flow.version])).toEqual(expected);
  });

  it('returns the version document', async () => {
    const [first] = await listPublishedFlows(database.db, new Date('2026-02-01T00:00:00.000Z'));
    expect(first?.document.name).toBe('onboarding v2');
    expect(first?.document.formatVersion).toBe(FLOW_FORMAT_VERSION);
  });
});

describe('getFlowVersion', () => {
  it('loads a version of a disabled flow', async () => {
    const version = await getFlowVersion(database.db, 'disabled', 1);
    expect(version?.document.name).toBe('disabled v1');
  });

  it('returns undefined for a missing version', async () => {
    expect(await getFlowVersion(database.db, 'onboarding', 9)).toBeUndefined();
  });
});
