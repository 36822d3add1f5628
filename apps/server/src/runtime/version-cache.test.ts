import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../db/database.js';
import { listPublishedFlows } from './flow-source.js';
import { VersionCache } from './version-cache.js';

let dataDir: string;
let database: OpenDatabase;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scimflow-versions-'));
  database = await openDatabase(dataDir);
});

afterEach(async () => {
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function document(name: string) {
  return JSON.stringify({
    formatVersion: 1,
    name,
    description: '',
    nodes: [
      {
        id: 'trigger',
        type: 'scim.trigger',
        position: { x: 0, y: 0 },
        config: { endpoint: 'default', eventTypes: ['user.created'] },
      },
    ],
    edges: [],
    credentials: [],
  });
}

async function addFlow(id: string, createdAt: string, enabled: boolean): Promise<void> {
  await database.db
    .insertInto('flows')
    .values({
      id,
      name: id,
      name_lower: id,
      description: '',
      enabled: enabled ? 1 : 0,
      draft: document(id),
      created_at: createdAt,
      updated_at: createdAt,
    })
    .execute();
}

async function publish(flowId: string, version: number, publishedAt: string): Promise<void> {
  await database.db
    .insertInto('flow_versions')
    .values({
      flow_id: flowId,
      version,
      document: document(`${flowId} v${version}`),
      note: '',
      published_by: 'admin',
      published_at: publishedAt,
    })
    .execute();
}

describe('VersionCache', () => {
  it.each([
    '2026-01-01T00:00:00.000Z',
    '2026-01-02T00:00:00.000Z',
    '2026-01-02T12:00:00.000Z',
    '2026-01-03T00:00:00.000Z',
    '2026-01-09T00:00:00.000Z',
  ])('lists what listPublishedFlows lists at %s', async (at) => {
    await addFlow('alpha', '2026-01-01T00:00:00.000Z', true);
    await addFlow('beta', '2026-01-01T00:00:01.000Z', true);
    await addFlow('off', '2026-01-01T00:00:02.000Z', false);
    await publish('alpha', 1, '2026-01-02T00:00:00.000Z');
    await publish('alpha', 2, '2026-01-03T00:00:00.000Z');
    await publish('beta', 1, '2026-01-02T12:00:00.000Z');
    await publish('off', 1, '2026-01-02T00:00:00.000Z');
    const cache = new VersionCache(database.db);

    const cached = await cache.publishedAt(at);
    const listed = await listPublishedFlows(database.db, at);

    expect(cached.map((version) => [version.flowId, version.version])).toEqual(
      listed.map((version) => [version.flowId, version.version]),
    );
    expect(cached.map((version) => version.document.name)).toEqual(
      listed.map((version) => version.document.name),
    );
  });

  it('lists the newest version by then', async () => {
    await addFlow('alpha', '2026-01-01T00:00:00.000Z', true);
    await addFlow('off', '2026-01-01T00:00:02.000Z', false);
    await publish('alpha', 1, '2026-01-02T00:00:00.000Z');
    await publish('alpha', 2, '2026-01-03T00:00:00.000Z');
    await publish('off', 1, '2026-01-02T00:00:00.000Z');
    const cache = new VersionCache(database.db);

    const before = await cache.publishedAt('2026-01-02T23:59:59.999Z');
    const after = await cache.publishedAt('2026-01-03T00:00:00.000Z');

    expect(before.map((version) => `${version.flowId}@${version.version}`)).toEqual(['alpha@1']);
    expect(after.map((version) => `${version.flowId}@${version.version}`)).toEqual(['alpha@2']);
  });

  it('returns the same parsed version twice', async () => {
    await addFlow('alpha', '2026-01-01T00:00:00.000Z', true);
    await publish('alpha', 1, '2026-01-02T00:00:00.000Z');
    const cache = new VersionCache(database.db);

    const first = await cache.get('alpha', 1);
    const second = await cache.get('alpha', 1);

    expect(first?.document.name).toBe('alpha v1');
    expect(second).toBe(first);
  });

  it('returns undefined for a missing version', async () => {
    const cache = new VersionCache(database.db);

    expect(await cache.get('alpha', 3)).toBeUndefined();
  });
});
