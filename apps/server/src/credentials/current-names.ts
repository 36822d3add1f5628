import type { FlowDocument } from '@scimflow/flow';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { renameInDocument } from './credential-references.js';
import './credential-tables.js';

/** Former credential names, each mapped to the current name of the credential that had it. */
export type CurrentNames = ReadonlyMap<string, string>;

/**
 * Loads the current names of renamed credentials, for `names` only or, when left out, for every
 * recorded former name. The rename history keeps one row per former name that points at the
 * credential id, so a chain of renames (A to B, then B to C) maps both A and B to C.
 *
 * A name that a credential has now is never mapped: the current owner of a name wins, as in
 * `resolveCredential`, because flows that reference a reused name mean the new credential from
 * then on. Creating or renaming a credential to a name already deletes its history rows, so the
 * check here only guards against a row left behind.
 */
export async function loadCurrentNames(
  db: Kysely<Database>,
  names?: readonly string[],
): Promise<Map<string, string>> {
  if (names?.length === 0) return new Map();

  let select = db
    .selectFrom('credential_renames as renamed')
    .innerJoin('credentials as credential', 'credential.id', 'renamed.credential_id')
    .leftJoin('credentials as owner', 'owner.name', 'renamed.old_name')
    .select(['renamed.old_name as oldName', 'credential.name as currentName'])
    .where('owner.id', 'is', null);
  if (names) select = select.where('renamed.old_name', 'in', [...names]);

  const rows = await select.execute();
  return new Map(rows.map((row) => [row.oldName, row.currentName]));
}

/**
 * Rewrites the former credential names of a flow document to their current names, in place, in
 * node `credential` fields and in the `credentials` list. Returns true when it changed anything.
 */
export function applyCurrentNames(document: FlowDocument, currentNames: CurrentNames): boolean {
  const oldNamesByCurrent = new Map<string, Set<string>>();
  for (const [oldName, currentName] of currentNames) {
    const oldNames = oldNamesByCurrent.get(currentName) ?? new Set<string>();
    oldNames.add(oldName);
    oldNamesByCurrent.set(currentName, oldNames);
  }

  let changed = false;
  for (const [currentName, oldNames] of oldNamesByCurrent) {
    changed = renameInDocument(document, oldNames, currentName) || changed;
  }
  return changed;
}

/**
 * Rewrites the credential names of a flow document that belong to no credential but were renamed
 * since, to the credential's current name, in place. Drafts saved from a designer tab opened
 * before a rename, and versions restored into the draft, then validate like the drafts that the
 * rename itself rewrote.
 */
export async function useCurrentCredentialNames(
  db: Kysely<Database>,
  document: FlowDocument,
): Promise<void> {
  const names = new Set<string>();
  for (const node of document.nodes) if (node.credential) names.add(node.credential);
  for (const reference of document.credentials) names.add(reference.name);

  applyCurrentNames(document, await loadCurrentNames(db, [...names]));
}
