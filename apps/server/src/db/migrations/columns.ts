import type { CreateTableBuilder } from 'kysely';

/**
 * Adds an auto-incrementing integer primary key. SQLite spells it `integer primary key
 * autoincrement`; a PostgreSQL dialect would use an identity column here instead.
 */
export function autoIncrementKey<T extends string>(
  table: CreateTableBuilder<T, never>,
  column: string,
): CreateTableBuilder<T, string> {
  // TODO: branch on the dialect (`generatedAlwaysAsIdentity()`) once PostgreSQL storage lands.
  return table.addColumn(column, 'integer', (c) => c.primaryKey().autoIncrement());
}
