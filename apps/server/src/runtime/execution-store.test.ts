import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import type { Insertable } from 'kysely';
import type { StepRecord } from '@scimflow/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../db/database.js';
import { WriteQueue } from '../db/write-queue.js';
import { SqlExecutionStore } from './execution-store.js';
import { RuntimeStatements } from './runtime-statements.js';
import { positionedRow, SqlJournal } from './sql-journal.js';
import type { ExecutionTable } from './tables.js';

/*
 * The store and the journal have two paths: Kysely statements, and prepared statements in the
 * server's group commit. Both must claim, finish and journal the same way.
 */

let dataDir: string;
let database: OpenDatabase;
let counter = 0;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scimflow-store-'));
  database = await openDatabase(dataDir);
});

afterEach(async () => {
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function statementsOf(open: OpenDatabase): RuntimeStatements {
  const writes = new WriteQueue(open.db, open.sqlite, Fastify({ logger: false }).log);
  return new RuntimeStatements(open.db, writes);
}

const variants = [
  { name: 'Kysely statements', statements: (): RuntimeStatements | undefined => undefined },
  { name: 'group commit', statements: (): RuntimeStatements | undefined => statementsOf(database) },
];

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

async function statusOf(id: string) {
  return database.db
    .selectFrom('executions')
    .select(['status', 'error', 'lease_owner', 'finished_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

const NOW = 1_000_000;

describe.each(variants)('execution store with $name', (variant) => {
  const storeOf = () => new SqlExecutionStore(database.db, 0, variant.statements());

  it('claims the oldest due execution', async () => {
    const store = storeOf();
    const first = await insert('a');
    await insert('b');

    const claimed = await store.claimNext({ workerId: 'w1', now: NOW, leaseUntil: NOW + 100 });

    expect(claimed).toEqual({ id: first, resourceKey: 'default:User:a', attempt: 1 });
  });

  it('holds back a busy resource', async () => {
    const store = storeOf();
    await insert('a');
    await insert('a');
    const other = await insert('b');

    await store.claimNext({ workerId: 'w1', now: NOW, leaseUntil: NOW + 100 });
    const second = await store.claimNext({ workerId: 'w2', now: NOW, leaseUntil: NOW + 100 });
    const third = await store.claimNext({ workerId: 'w3', now: NOW, leaseUntil: NOW + 100 });

    expect(second?.id).toBe(other);
    expect(third).toBeUndefined();
  });

  it('hands concurrent claims distinct resources', async () => {
    const store = storeOf();
    for (const resource of ['a', 'a', 'b', 'c', 'c']) await insert(resource);

    const claims = await Promise.all(
      ['w1', 'w2', 'w3', 'w4'].map((workerId) =>
        store.claimNext({ workerId, now: NOW, leaseUntil: NOW + 100 }),
      ),
    );

    const resources = claims.flatMap((claim) => (claim ? [claim.resourceKey] : []));
    expect(resources.sort()).toEqual(['default:User:a', 'default:User:b', 'default:User:c']);
    expect(claims.filter((claim) => claim === undefined)).toHaveLength(1);
  });

  it('takes over an expired lease', async () => {
    const store = storeOf();
    const id = await insert('a', {
      status: 'running',
      attempts: 1,
      lease_owner: 'dead',
      lease_until: NOW - 1,
    });

    const claimed = await store.claimNext({ workerId: 'w2', now: NOW, leaseUntil: NOW + 100 });

    expect(claimed).toEqual({ id, resourceKey: 'default:User:a', attempt: 2 });
    expect((await statusOf(id)).lease_owner).toBe('w2');
  });

  it('waits for a retry backoff', async () => {
    const store = storeOf();
    await insert('a', { not_before: NOW + 1 });

    const early = await store.claimNext({ workerId: 'w1', now: NOW, leaseUntil: NOW + 100 });
    const due = await store.claimNext({ workerId: 'w1', now: NOW + 1, leaseUntil: NOW + 100 });

    expect(early).toBeUndefined();
    expect(due).toBeDefined();
  });

  it('never claims a test run', async () => {
    const store = storeOf();
    await insert('a', { test: 1 });

    const claimed = await store.claimNext({ workerId: 'w1', now: NOW, leaseUntil: NOW + 100 });

    expect(claimed).toBeUndefined();
  });

  it('records a finish by the lease owner', async () => {
    const store = storeOf();
    const id = await insert('a');
    await store.claimNext({ workerId: 'w1', now: NOW, leaseUntil: NOW + 100 });

    await store.complete(id, 'w1', { status: 'failed', error: 'Step post failed.' });

    const row = await statusOf(id);
    expect(row.status).toBe('failed');
    expect(row.error).toBe('Step post failed.');
    expect(row.lease_owner).toBeNull();
    expect(row.finished_at).not.toBeNull();
  });

  it('completes and claims the next of the resource', async () => {
    const store = storeOf();
    const first = await insert('a');
    const second = await insert('a');
    await store.claimNext({ workerId: 'w1', now: NOW, leaseUntil: NOW + 100 });

    const next = await store.completeAndClaimNext(
      first,
      'w1',
      { status: 'succeeded' },
      { workerId: 'w1', now: NOW, leaseUntil: NOW + 100 },
    );

    expect((await statusOf(first)).status).toBe('succeeded');
    expect(next).toEqual({ id: second, resourceKey: 'default:User:a', attempt: 1 });
    expect((await statusOf(second)).lease_owner).toBe('w1');
  });

  it('completes and claims an expired lease first', async () => {
    const store = storeOf();
    const first = await insert('a');
    await insert('b');
    await store.claimNext({ workerId: 'w1', now: NOW, leaseUntil: NOW + 100 });
    const orphan = await insert('c', {
      status: 'running',
      attempts: 1,
      lease_owner: 'dead',
      lease_until: NOW,
    });

    const next = await store.completeAndClaimNext(
      first,
      'w1',
      { status: 'failed', error: 'Step post failed.' },
      { workerId: 'w1', now: NOW + 1, leaseUntil: NOW + 100 },
    );

    expect((await statusOf(first)).error).toBe('Step post failed.');
    expect(next).toEqual({ id: orphan, resourceKey: 'default:User:c', attempt: 2 });
  });

  it('completes and claims nothing from an empty queue', async () => {
    const store = storeOf();
    const only = await insert('a');
    await store.claimNext({ workerId: 'w1', now: NOW, leaseUntil: NOW + 100 });

    const next = await store.completeAndClaimNext(
      only,
      'w1',
      { status: 'succeeded' },
      { workerId: 'w1', now: NOW, leaseUntil: NOW + 100 },
    );

    expect(next).toBeUndefined();
    expect((await statusOf(only)).status).toBe('succeeded');
  });

  it('ignores a finish after a lost lease', async () => {
    const store = storeOf();
    const id = await insert('a');
    await store.claimNext({ workerId: 'w1', now: NOW, leaseUntil: NOW + 100 });

    await store.complete(id, 'w2', { status: 'succeeded' });

    expect((await statusOf(id)).status).toBe('running');
  });
});

function step(nodeId: string, overrides: Partial<StepRecord> = {}): StepRecord {
  return {
    executionId: 'e-journal',
    nodeId,
    nodeType: 'http.request',
    idempotencyKey: `e-journal:${nodeId}`,
    status: 'running',
    input: { url: 'http://127.0.0.1:1/hook' },
    attempts: 1,
    requests: [{ attempt: 1, method: 'POST', url: 'http://127.0.0.1:1/hook', durationMs: 3 }],
    logs: [],
    dryRun: false,
    startedAt: NOW,
    ...overrides,
  };
}

describe.each(variants)('step journal with $name', (variant) => {
  it('replaces a step and keeps its order', async () => {
    const journal = new SqlJournal(database.db, variant.statements());

    await journal.saveStep(step('first'));
    await journal.saveStep(step('second', { status: 'succeeded', output: { ok: true } }));
    await journal.saveStep(
      step('first', { status: 'succeeded', output: { id: 7 }, finishedAt: NOW + 5, durationMs: 5 }),
    );
    const steps = await journal.loadSteps('e-journal');

    expect(steps.map((record) => record.nodeId)).toEqual(['first', 'second']);
    expect(steps[0]!.status).toBe('succeeded');
    expect(steps[0]!.output).toEqual({ id: 7 });
    expect(steps[0]!.durationMs).toBe(5);
    expect(steps[1]!.output).toEqual({ ok: true });
  });

  it('keeps the newer of two queued saves', async () => {
    const journal = new SqlJournal(database.db, variant.statements());
    await journal.saveStep(step('earlier', { status: 'succeeded' }));

    const attempt = journal.saveStep(step('post'));
    const final = journal.saveStep(
      step('post', { status: 'succeeded', output: { id: 9 }, finishedAt: NOW + 2 }),
    );
    await Promise.all([attempt, final]);
    const steps = await journal.loadSteps('e-journal');

    expect(steps.map((record) => record.nodeId)).toEqual(['earlier', 'post']);
    expect(steps[1]!.status).toBe('succeeded');
    expect(steps[1]!.output).toEqual({ id: 9 });
    expect(steps[1]!.finishedAt).toBe(NOW + 2);
  });

  it('skips a running step with no request', async () => {
    const journal = new SqlJournal(database.db, variant.statements());

    await journal.saveStep(step('quiet', { requests: [] }));

    expect(await journal.loadSteps('e-journal')).toEqual([]);
  });
});

describe('held step rows', () => {
  it('writes a held step with the completion', async () => {
    const statements = statementsOf(database);
    const store = new SqlExecutionStore(database.db, 0, statements);
    const journal = new SqlJournal(database.db, statements);
    const id = await insert('a', { id: 'e-journal' });
    await store.claimNext({ workerId: 'w1', now: NOW, leaseUntil: NOW + 100 });

    const attempt = journal.saveStep(step('post'));
    statements.holdFinalStep('e-journal', 'post', () =>
      positionedRow(step('post', { status: 'succeeded', output: { id: 3 } })),
    );
    await attempt;
    const beforeCompletion = await journal.loadSteps('e-journal');
    await store.complete(id, 'w1', { status: 'succeeded' });
    const steps = await journal.loadSteps('e-journal');

    // The queued attempt save gave way to the held row, which the completion wrote.
    expect(beforeCompletion).toEqual([]);
    expect(steps).toHaveLength(1);
    expect(steps[0]!.status).toBe('succeeded');
    expect(steps[0]!.output).toEqual({ id: 3 });
    expect((await statusOf(id)).status).toBe('succeeded');
  });
});
