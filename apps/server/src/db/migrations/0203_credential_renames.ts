import type { Kysely } from 'kysely';

/**
 * Adds `credential_renames`: the names a credential had before, so published flow versions that
 * still reference an old name resolve to the renamed credential. The number follows the highest
 * applied migration, because the migrator rejects a new migration that sorts before an applied one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('credential_renames')
    .addColumn('old_name', 'text', (c) => c.primaryKey())
    .addColumn('old_name_lower', 'text', (c) => c.notNull())
    .addColumn('credential_id', 'text', (c) =>
      c.notNull().references('credentials.id').onDelete('cascade'),
    )
    .addColumn('renamed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('credential_renames_old_name_lower')
    .on('credential_renames')
    .column('old_name_lower')
    .execute();
  await db.schema
    .createIndex('credential_renames_credential')
    .on('credential_renames')
    .column('credential_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('credential_renames').execute();
}
