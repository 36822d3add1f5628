import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../src/db/database.js';
import { migrations } from '../src/db/migrations/index.js';
import { createSecretBox, loadSecretKey } from '../src/security/secret-box.js';

const folders: string[] = [];
const opened: OpenDatabase[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scimflow-db-'));
  folders.push(dir);
  return dir;
}

afterEach(async () => {
  for (const database of opened.splice(0)) await database.close();
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('database', () => {
  it('applies every migration once', async () => {
    const dir = tempDir();
    const first = await openDatabase(dir);
    expect(first.applied).toEqual(Object.keys(migrations).sort());
    await first.close();

    const second = await openDatabase(dir);
    opened.push(second);
    expect(second.applied).toEqual([]);
  });

  it('runs in WAL mode with foreign keys', async () => {
    const database = await openDatabase(tempDir());
    opened.push(database);
    const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database.db);
    expect(journal.rows[0]?.journal_mode).toBe('wal');
    const foreignKeys = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(
      database.db,
    );
    expect(foreignKeys.rows[0]?.foreign_keys).toBe(1);
  });

  it('cached statements return fresh rows', async () => {
    const database = await openDatabase(tempDir());
    opened.push(database);
    const db = database.db;
    const query = () => db.selectFrom('endpoints').select('slug').orderBy('slug');

    expect(await query().execute()).toEqual([]);
    for (const slug of ['a', 'b']) {
      await db
        .insertInto('endpoints')
        .values({ id: slug, slug, name: slug, api_key_header: 'X-API-Key', created_at: 'now' })
        .execute();
    }
    expect((await query().execute()).map((row) => row.slug)).toEqual(['a', 'b']);

    const streamed: string[] = [];
    for await (const row of query().stream()) streamed.push(row.slug);
    expect(streamed).toEqual(['a', 'b']);
    expect((await query().execute()).map((row) => row.slug)).toEqual(['a', 'b']);
  });
});

describe('secret box', () => {
  it('round-trips and detects tampering', () => {
    const box = createSecretBox(Buffer.alloc(32, 7));
    const sealed = box.encrypt('github-token-value', 'credential:github');
    expect(sealed).not.toContain('github-token-value');
    expect(box.decrypt(sealed, 'credential:github')).toBe('github-token-value');
    expect(() => box.decrypt(sealed, 'credential:other')).toThrow();
    expect(() =>
      createSecretBox(Buffer.alloc(32, 8)).decrypt(sealed, 'credential:github'),
    ).toThrow();
  });

  it('generates a 0600 key file once', () => {
    const dir = tempDir();
    const first = loadSecretKey(dir);
    expect(first.generated).toBe(true);
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);

    const second = loadSecretKey(dir);
    expect(second.generated).toBe(false);
    expect(second.key.equals(first.key)).toBe(true);
  });
});
