import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Insertable } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../src/db/database.js';
import { SqlExecutionStore } from '../../src/runtime/execution-store.js';
import { pruneRetention } from '../../src/runtime/retention.js';
import type { ExecutionTable } from '../../src/runtime/tables.js';

let dataDir: string;
let database: OpenDatabase;
let store: SqlExecutionStore;
let counter = 0;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scimflow-queue-'));
  database = await openDatabase(dataDir);
  store = new SqlExecutionStore(database.db, 0);
});

afterEach(async () => {
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Inserts an execution row of `resource` with the given overrides; returns its id. */
async function insert(resource: string, overrides: Partial<Insertable<ExecutionTable>> = {}) {
  counter += 1;
  const id = overrides.id ?? `e${counter}`;
  await database.db
    .insertInto('executions')
    .values({
      id,
      flow_id: 'flow',
      flow_version: 1,
      flow_name: 'Flow',
      event_id: `event-${id}`,
      sequence: counter,
      event_type: 'user.created',
      event_payload: null,
      resource_key: `default:User:${resource}`,
      resource_type: 'User',
      resource_id: resource,
      resource_display: null,
      status: 'queued',
      attempts: 0,
      dry_run: 0,
      test: 0,
      not_before: 0,
      queued_at: 1,
      ...overrides,
    })
    .execute();
  return id;
}

const NOW = 1_000_000;

describe('execution queue claims', () => {
  it('claims the oldest due execution', async () => {
    const first = await insert('a');
    await insert('b');

    const claimed = await store.claimNext({ workerId: 'w1', now: NOW, leaseUntil: NOW + 100 });

    expect(claimed).toEqual({ id: first, resourceKey: 'default:User:a', attempt: 1 });
  });

  it('holds back later executions of a busy resource', async () => {
    await insert('a');
    await insert('a');
    const other = await insert('b');

    await store.claimNext({ workerId: 'w1', now: NOW, leaseUntil: NOW + 100 });
    const second = await store.claimNext({ workerId: 'w2', now: NOW, leaseUntil: NOW + 100 });
    const third = await store.claimNext({ workerId: 'w3', now: NOW, leaseUntil: NOW + 100 });

    expect(second?.id).toBe(other);
    expect(third).toBeUndefined();
  });

  it('takes over an execution whose lease expired', async () => {
    const id = await insert('a');
    await store.claimNext({ workerId: 'dead', now: NOW, leaseUntil: NOW + 100 });

    const early = await store.claimNext({ workerId: 'w2', now: NOW + 50, leaseUntil: NOW + 150 });
    const late = await store.claimNext({ workerId: 'w2', now: NOW + 101, leaseUntil: NOW + 200 });

    expect(early).toBeUndefined();
    expect(late).toEqual({ id, resourceKey: 'default:User:a', attempt: 2 });
    expect(await store.renewLease(id, 'dead', NOW + 300)).toBe(false);
    expect(await store.renewLease(id, 'w2', NOW + 300)).toBe(true);
  });

  it('waits for the backoff of a requeued execution', async () => {
    const id = await insert('a');
    await store.claimNext({ workerId: 'w1', now: NOW, leaseUntil: NOW + 100 });
    await store.requeue(id, 'w1', { notBefore: NOW + 500, error: 'try later' });

    expect(
      await store.claimNext({ workerId: 'w1', now: NOW + 499, leaseUntil: NOW + 600 }),
    ).toBeUndefined();
    expect(
      (await store.claimNext({ workerId: 'w1', now: NOW + 500, leaseUntil: NOW + 600 }))?.id,
    ).toBe(id);
  });

  it('ignores a finish from a worker that lost its lease', async () => {
    const id = await insert('a');
    await store.claimNext({ workerId: 'dead', now: NOW, leaseUntil: NOW + 100 });
    await store.claimNext({ workerId: 'w2', now: NOW + 101, leaseUntil: NOW + 200 });

    await store.complete(id, 'dead', { status: 'failed', error: 'late' });
    const row = await database.db
      .selectFrom('executions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

    expect(row.status).toBe('running');
    expect(row.lease_owner).toBe('w2');
  });

  it('never claims a test run', async () => {
    await insert('a', { test: 1 });

    expect(
      await store.claimNext({ workerId: 'w1', now: NOW, leaseUntil: NOW + 100 }),
    ).toBeUndefined();
  });

  it('lets a test run block no live execution', async () => {
    await insert('a', { test: 1, status: 'running', lease_until: NOW + 1_000 });
    const live = await insert('a');

    expect((await store.claimNext({ workerId: 'w1', now: NOW, leaseUntil: NOW + 100 }))?.id).toBe(
      live,
    );
  });
});

describe('retention of unfinished executions', () => {
  it('prunes finished executions only', async () => {
    const queued = await insert('a');
    const running = await insert('b', { status: 'running', lease_until: NOW });
    await insert('c', { status: 'failed' });
    const newest = await insert('d', { status: 'succeeded' });

    const pruned = await pruneRetention(database.db, {
      executionRetention: 1,
      testRunRetention: 1,
      eventRetention: 1,
    });

    expect(pruned.executions).toBe(1);
    const left = await database.db.selectFrom('executions').select('id').orderBy('seq').execute();
    expect(left.map((row) => row.id)).toEqual([queued, running, newest]);
  });
});
