import type { Kysely } from 'kysely';
import type { ResolvedCredential } from '@scimflow/nodes';
import type { Database } from '../db/schema.js';
import type { SecretBox } from '../security/secret-box.js';
import { openCredential } from './credential-codec.js';
import { renamedCredentialId } from './credential-renames.js';
import './credential-tables.js';

/** Thrown by resolveCredential when no credential has the name a node references. */
export class CredentialNotFoundError extends Error {
  constructor(readonly credentialName: string) {
    super(
      `No credential named "${credentialName}". Create it under Credentials or choose another credential in the node's settings`,
    );
    this.name = 'CredentialNotFoundError';
  }
}

/**
 * Loads the credential called `name` (exact match, as flow documents reference it) and returns it
 * with its secret fields decrypted, for one node run. A name that no credential has now falls back
 * to the credential renamed from it, because published versions keep the names they were published
 * with. Throws CredentialNotFoundError when neither exists, and an Error when the secrets do not
 * decrypt (the secret key changed). Never log the result.
 */
export async function resolveCredential(
  db: Kysely<Database>,
  secretBox: SecretBox,
  name: string,
): Promise<ResolvedCredential> {
  const row =
    (await db.selectFrom('credentials').selectAll().where('name', '=', name).executeTakeFirst()) ??
    (await findRenamed(db, name));
  if (!row) throw new CredentialNotFoundError(name);

  return openCredential(row, secretBox);
}

async function findRenamed(db: Kysely<Database>, name: string) {
  const credentialId = await renamedCredentialId(db, name);
  if (credentialId === undefined) return undefined;

  return db.selectFrom('credentials').selectAll().where('id', '=', credentialId).executeTakeFirst();
}
