import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

const MAX_STATEMENTS = 500;

/**
 * Wraps a better-sqlite3 database for Kysely so each distinct SQL text is prepared once,
 * because Kysely prepares every query anew, and so transactions begin IMMEDIATE. A statement that is still busy (the `iterate()`
 * of an unfinished streamed query) is not handed out again; a new one is prepared instead.
 */
export function withStatementCache(database: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();

  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare(text: string): SqliteStatement {
      // Kysely opens transactions with a deferred BEGIN. With a second connection writing (the
      // runtime thread), a transaction that reads before it writes would then fail with
      // SQLITE_BUSY at once when the other connection wrote in between, without waiting.
      // BEGIN IMMEDIATE takes the write lock first, waiting up to the busy timeout.
      const sql = text === 'begin' ? 'begin immediate' : text;
      const cached = statements.get(sql);
      if (cached && !cached.busy) return cached as unknown as SqliteStatement;

      const statement = database.prepare(sql);
      if (statements.size >= MAX_STATEMENTS) {
        // Maps iterate in insertion order, so this drops the oldest entry.
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
      statements.set(sql, statement);
      return statement as unknown as SqliteStatement;
    },
  };
}
