import type { Kysely } from 'kysely';
import type { KnownCredential } from '@scimflow/flow';
import type { Database } from '../db/schema.js';
import './credential-tables.js';

/** Lists the stored credentials by name and type, for validateFlow and exports. Reads no secret. */
export async function knownCredentials(db: Kysely<Database>): Promise<KnownCredential[]> {
  return db.selectFrom('credentials').select(['name', 'type']).orderBy('name').execute();
}
