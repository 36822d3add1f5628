import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import type { ProvisioningEvent } from '@scimflow/flow';
import { silentLogger } from '@scimflow/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../db/database.js';
import { WriteQueue } from '../db/write-queue.js';
import type { DispatchStatements } from './dispatch-statements.js';
import { Dispatcher } from './dispatcher.js';
import { RuntimeStatements } from './runtime-statements.js';

/*
 * The dispatcher has two paths: Kysely statements, and prepared statements in the server's
 * group commit. Both must queue the same executions and move the cursor the same way.
 */

let dataDir: string;
let database: OpenDatabase;
let eventCount = 0;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scimflow-dispatch-'));
  database = await openDatabase(dataDir);
  eventCount = 0;
});

afterEach(async () => {
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const variants = [
  { name: 'Kysely statements', statements: (): DispatchStatements | undefined => undefined },
  {
    name: 'group commit',
    statements: (): DispatchStatements | undefined => {
      const writes = new WriteQueue(database.db, database.sqlite, Fastify({ logger: false }).log);
      return new RuntimeStatements(database.db, writes).dispatch;
    },
  },
];

async function addFlow(id: string, enabled: boolean, eventTypes: string[]): Promise<void> {
  const document = JSON.stringify({
    formatVersion: 1,
    name: id,
    description: '',
    nodes: [
      {
        id: 'trigger',
        type: 'scim.trigger',
        position: { x: 0, y: 0 },
        config: { endpoint: 'default', eventTypes },
      },
    ],
    edges: [],
    credentials: [],
  });
  const at = '2026-01-01T00:00:00.000Z';
  await database.db
    .insertInto('flows')
    .values({
      id,
      name: id,
      name_lower: id,
      description: '',
      enabled: enabled ? 1 : 0,
      draft: document,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await database.db
    .insertInto('flow_versions')
    .values({
      flow_id: id,
      version: 1,
      document,
      note: '',
      published_by: 'admin',
      published_at: at,
    })
    .execute();
}

async function addEvents(count: number, type = 'user.created'): Promise<void> {
  for (let index = 0; index < count; index++) {
    eventCount++;
    const event: ProvisioningEvent = {
      id: `event-${eventCount}`,
      type: type as ProvisioningEvent['type'],
      endpoint: 'default',
      dialect: 'generic',
      acceptedAt: '2026-01-02T00:00:00.000Z',
      resourceType: 'User',
      resourceId: `user-${eventCount}`,
      user: { userName: `user-${eventCount}@example.org` },
      before: null,
      after: { userName: `user-${eventCount}@example.org` },
      changes: [],
    };
    await database.db
      .insertInto('events')
      .values({
        id: event.id,
        endpoint: event.endpoint,
        type: event.type,
        resource_type: event.resourceType,
        resource_id: event.resourceId,
        payload: JSON.stringify(event),
        dialect: event.dialect,
        accepted_at: event.acceptedAt,
      })
      .execute();
  }
}

async function executions() {
  return database.db
    .selectFrom('executions')
    .select(['flow_id', 'event_id', 'status', 'resource_display', 'sequence'])
    .orderBy('seq')
    .execute();
}

describe.each(variants)('dispatcher with $name', (variant) => {
  const dispatcherOf = (batchSize = 500) =>
    new Dispatcher(database.db, silentLogger, batchSize, undefined, variant.statements());

  it('queues an execution per matching flow', async () => {
    await addFlow('created', true, ['user.created']);
    await addFlow('deleted', true, ['user.deleted']);
    await addFlow('off', false, ['user.created']);
    await addEvents(2);

    const pass = await dispatcherOf().drain();
    const rows = await executions();

    expect(pass).toEqual({ events: 2, executions: 2 });
    expect(rows.map((row) => [row.flow_id, row.event_id, row.status])).toEqual([
      ['created', 'event-1', 'queued'],
      ['created', 'event-2', 'queued'],
    ]);
    expect(rows[0]!.resource_display).toBe('user-1@example.org');
    expect(rows[1]!.sequence).toBe(2);
    expect(await dispatcherOf().readCursor()).toBe(2);
  });

  it('moves past events when no flow is enabled', async () => {
    await addFlow('off', false, ['user.created']);
    await addEvents(3);

    const pass = await dispatcherOf().drain();

    expect(pass).toEqual({ events: 3, executions: 0 });
    expect(await executions()).toEqual([]);
    expect(await dispatcherOf().readCursor()).toBe(3);
  });

  it('dispatches in batches', async () => {
    await addFlow('created', true, ['user.created']);
    await addEvents(5);

    const pass = await dispatcherOf(2).drain();

    expect(pass).toEqual({ events: 5, executions: 5 });
    expect((await executions()).map((row) => row.event_id)).toEqual([
      'event-1',
      'event-2',
      'event-3',
      'event-4',
      'event-5',
    ]);
  });

  it('dispatches each event once with two dispatchers', async () => {
    await addFlow('created', true, ['user.created']);
    await addEvents(4);

    const passes = await Promise.all([
      dispatcherOf().dispatchBatch(),
      dispatcherOf().dispatchBatch(),
    ]);

    expect(passes.map((pass) => pass.executions).sort()).toEqual([0, 4]);
    expect(await executions()).toHaveLength(4);
    expect(await dispatcherOf().readCursor()).toBe(4);
  });
});
