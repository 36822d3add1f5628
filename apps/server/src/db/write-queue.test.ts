import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileStatement } from './compiled-statement.js';
import { openDatabase, type OpenDatabase } from './database.js';
import { orderedId } from './ordered-id.js';
import { WriteQueue } from './write-queue.js';

// Builds SQL for the scratch table `items`, which the typed schema does not list.
const builder = new Kysely<{ items: { key: string; note: string } }>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

let dataDir: string;
let database: OpenDatabase;
let queue: WriteQueue;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scimflow-write-queue-'));
  database = await openDatabase(dataDir);
  database.sqlite.exec('CREATE TABLE items (key TEXT PRIMARY KEY, note TEXT NOT NULL)');
  queue = new WriteQueue(database.db, database.sqlite, Fastify({ logger: false }).log);
});

afterEach(async () => {
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function insertItem() {
  return compileStatement<{ key: string; note: string }>(database.sqlite, (param) =>
    builder.insertInto('items').values({ key: param('key'), note: param('note') }),
  );
}

/** Returns the committed keys, read through a second connection that gets no uncommitted rows. */
function committedKeys(): string[] {
  const reader = new SQLite(path.join(dataDir, 'scimflow.db'), { readonly: true });
  try {
    const rows = reader.prepare('SELECT key FROM items ORDER BY key').all() as { key: string }[];
    return rows.map((row) => row.key);
  } finally {
    reader.close();
  }
}

describe('WriteQueue', () => {
  it('commits a job before resolving', async () => {
    const insert = insertItem();

    await queue.run(() => insert.run({ key: 'a', note: 'first' }));

    expect(committedKeys()).toEqual(['a']);
  });

  it('rolls back only the failing job of a batch', async () => {
    const insert = insertItem();

    const results = await Promise.allSettled([
      queue.run(() => insert.run({ key: 'a', note: 'kept' })),
      queue.run(() => {
        insert.run({ key: 'b', note: 'written, then rolled back' });
        insert.run({ key: 'a', note: 'duplicate key' });
      }),
      queue.run(() => insert.run({ key: 'c', note: 'kept' })),
    ]);

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({
      code: 'SQLITE_CONSTRAINT_PRIMARYKEY',
    });
    expect(committedKeys()).toEqual(['a', 'c']);
  });

  it('runs concurrent jobs in one transaction', async () => {
    const insert = insertItem();

    // Each job counts the committed rows before its insert. All zeros mean that the earlier jobs'
    // rows were still uncommitted, so all four ran in one transaction.
    const uncommittedSeen = await Promise.all(
      ['a', 'b', 'c', 'd'].map((key) =>
        queue.run(() => {
          const before = committedKeys().length;
          insert.run({ key, note: 'batched' });
          return before;
        }),
      ),
    );

    expect(uncommittedSeen).toEqual([0, 0, 0, 0]);
    expect(committedKeys()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('waits for an open Kysely transaction', async () => {
    const insert = insertItem();
    let releaseTransaction!: () => void;
    const transactionOpen = new Promise<void>((resolve) => {
      void database.db.transaction().execute(async () => {
        resolve();
        await new Promise<void>((release) => (releaseTransaction = release));
      });
    });
    await transactionOpen;

    let done = false;
    const job = queue
      .run(() => insert.run({ key: 'a', note: 'after the transaction' }))
      .then(() => {
        done = true;
      });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(done).toBe(false);

    releaseTransaction();
    await job;
    expect(committedKeys()).toEqual(['a']);
  });
});

describe('compileStatement', () => {
  it('binds named parameters and query constants', () => {
    database.sqlite.exec("INSERT INTO items VALUES ('a', 'x'), ('b', 'y'), ('c', 'x')");
    const select = compileStatement<{ note: string }>(database.sqlite, (param) =>
      builder
        .selectFrom('items')
        .select('key')
        .where('note', '=', param('note'))
        .where('key', '!=', 'c')
        .orderBy('key'),
    );

    expect(select.all({ note: 'x' })).toEqual([{ key: 'a' }]);
    expect(select.all({ note: 'y' })).toEqual([{ key: 'b' }]);
    expect(select.get({ note: 'z' })).toBeUndefined();
  });
});

describe('WriteQueue with a second connection', () => {
  it('waits for the write lock of another connection without blocking the event loop', async () => {
    const other = new SQLite(path.join(dataDir, 'scimflow.db'));
    other.exec('BEGIN IMMEDIATE');
    other.exec("INSERT INTO items VALUES ('from-other', 'x')");

    const insert = insertItem();
    let committed = false;
    const write = queue
      .run(() => insert.run({ key: 'queued', note: 'y' }))
      .then(() => {
        committed = true;
      });

    // Timers keep firing while the batch waits: the thread is not stuck in SQLite's busy handler.
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(committed).toBe(false);

    other.exec('COMMIT');
    other.close();
    await write;

    expect(committedKeys()).toEqual(['from-other', 'queued']);
  });

  it('rejects jobs after the busy timeout', async () => {
    database.sqlite.pragma('busy_timeout = 100');
    const impatient = new WriteQueue(database.db, database.sqlite, Fastify({ logger: false }).log);
    const other = new SQLite(path.join(dataDir, 'scimflow.db'));
    other.exec('BEGIN IMMEDIATE');

    const insert = insertItem();
    await expect(
      impatient.run(() => insert.run({ key: 'never', note: 'y' })),
    ).rejects.toMatchObject({ code: 'SQLITE_BUSY' });

    other.exec('ROLLBACK');
    other.close();
    expect(committedKeys()).toEqual([]);
  });
});

describe('orderedId', () => {
  it('is a UUID version 7', () => {
    expect(orderedId()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('sorts by creation time', () => {
    const ids = [1_000, 2_000, 1_700_000_000_000].map((ms) => orderedId(ms));

    expect([...ids].sort()).toEqual(ids);
  });
});
