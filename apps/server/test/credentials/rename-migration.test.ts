import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { migrations } from '../../src/db/migrations/index.js';

const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

describe('credential_renames migration', () => {
  it('upgrades a database of the previous release', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scimflow-rename-migration-'));
    folders.push(dataDir);

    // A data folder written before the rename history existed: every other migration applied.
    const previous = Object.fromEntries(
      Object.entries(migrations).filter(([name]) => name !== '0203_credential_renames'),
    );
    const db = new Kysely<unknown>({
      dialect: new SqliteDialect({ database: new SQLite(path.join(dataDir, 'scimflow.db')) }),
    });
    const migrator = new Migrator({ db, provider: { getMigrations: async () => previous } });
    const { error } = await migrator.migrateToLatest();
    expect(error).toBeUndefined();
    await db.destroy();

    const upgraded = await openDatabase(dataDir);
    try {
      expect(upgraded.applied).toEqual(['0203_credential_renames']);
      const rows = await upgraded.db.selectFrom('credential_renames').selectAll().execute();
      expect(rows).toEqual([]);
    } finally {
      await upgraded.close();
    }
  });
});
