import type { FlowDocument } from '@scimflow/flow';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { renameInDocument } from './credential-references.js';
import './credential-tables.js';

/**
 * Rewrites the credential names of a flow document that belong to no credential but were renamed
 * since, to the credential's current name, in place. A version published before a rename then
 * restores into a draft that validates, as drafts were rewritten by the rename itself.
 */
export async function useCurrentCredentialNames(
  db: Kysely<Database>,
  document: FlowDocument,
): Promise<void> {
  const names = new Set<string>();
  for (const node of document.nodes) if (node.credential) names.add(node.credential);
  for (const reference of document.credentials) names.add(reference.name);
  if (names.size === 0) return;

  const existing = await db
    .selectFrom('credentials')
    .select('name')
    .where('name', 'in', [...names])
    .execute();
  for (const row of existing) names.delete(row.name);
  if (names.size === 0) return;

  const renamed = await db
    .selectFrom('credential_renames')
    .innerJoin('credentials', 'credentials.id', 'credential_renames.credential_id')
    .select(['credential_renames.old_name as oldName', 'credentials.name as currentName'])
    .where('credential_renames.old_name', 'in', [...names])
    .execute();

  const oldNamesByCurrent = new Map<string, Set<string>>();
  for (const { oldName, currentName } of renamed) {
    const oldNames = oldNamesByCurrent.get(currentName) ?? new Set<string>();
    oldNames.add(oldName);
    oldNamesByCurrent.set(currentName, oldNames);
  }
  for (const [currentName, oldNames] of oldNamesByCurrent) {
    renameInDocument(document, oldNames, currentName);
  }
}
