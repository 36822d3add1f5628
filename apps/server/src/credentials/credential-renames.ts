/**
 * The rename history of credentials. Each rename stores the old name with the credential's id.
 * A chain of renames (A to B, then B to C) so leaves one row per old name, each pointing at the
 * same credential, and a lookup of any name in the chain finds it under its current name.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import './credential-tables.js';

/**
 * Records that credential `credentialId` was called `oldName`. A row for the same old name is
 * replaced, so the newest rename from a name wins. Call it in the transaction of the rename.
 */
export async function recordRename(
  trx: Kysely<Database>,
  credentialId: string,
  oldName: string,
  renamedAt: string,
): Promise<void> {
  const row = {
    old_name: oldName,
    old_name_lower: oldName.toLowerCase(),
    credential_id: credentialId,
    renamed_at: renamedAt,
  };
  await trx
    .insertInto('credential_renames')
    .values(row)
    .onConflict((conflict) =>
      conflict
        .column('old_name')
        .doUpdateSet({ credential_id: row.credential_id, renamed_at: row.renamed_at }),
    )
    .execute();
}

/**
 * Deletes the history rows of `name`, ignoring case, because a credential now has that name:
 * flows that reference it mean the new credential from now on.
 */
export async function reclaimName(trx: Kysely<Database>, name: string): Promise<void> {
  await trx
    .deleteFrom('credential_renames')
    .where('old_name_lower', '=', name.toLowerCase())
    .execute();
}

/** Lists the names a credential had before, oldest rename first. */
export async function formerNames(db: Kysely<Database>, credentialId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('credential_renames')
    .select('old_name')
    .where('credential_id', '=', credentialId)
    .orderBy('renamed_at')
    .orderBy('old_name')
    .execute();
  return rows.map((row) => row.old_name);
}

/** Returns the id of the credential that was called `name` (exact case), or undefined. */
export async function renamedCredentialId(
  db: Kysely<Database>,
  name: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('credential_renames')
    .select('credential_id')
    .where('old_name', '=', name)
    .executeTakeFirst();
  return row?.credential_id;
}

/** Deletes the rename history of a credential, in the transaction that deletes it. */
export async function forgetRenames(trx: Kysely<Database>, credentialId: string): Promise<void> {
  await trx.deleteFrom('credential_renames').where('credential_id', '=', credentialId).execute();
}
