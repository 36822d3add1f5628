import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.js';
import '../flows/flow-tables.js';

/** A flow that uses a credential, and where: its draft, its published versions, or both. */
export interface FlowUse {
  flowId: string;
  flowName: string;
  draft: boolean;
  /** Published versions that use it, ascending; listed only while the flow is enabled. */
  versions: number[];
}

/**
 * Rewrites every flow draft that references one of `oldNames`, in node `credential` fields and in
 * the `credentials` list, to `newName`. Returns the ids of the flows it changed. Published
 * versions stay as they are, because executions and the version caches assume they never change.
 */
// A designer tab that loaded the draft before the rename still contains the old name. Saving the
// draft, restoring a version and the unpublished-changes check map former names to current ones
// (current-names.ts). NOTE: the open tab keeps showing, and validating, the old name until it
// loads the flow again, because the web app keeps its own copy of the draft.
export async function renameInDrafts(
  trx: Kysely<Database>,
  oldNames: readonly string[],
  newName: string,
  updatedAt: string,
): Promise<string[]> {
  const names = new Set(oldNames);
  names.delete(newName);
  if (names.size === 0) return [];

  const candidates = await trx
    .selectFrom('flows')
    .select(['id', 'draft'])
    .where(mentionsAny('draft', [...names]))
    .execute();

  const changed: string[] = [];
  for (const flow of candidates) {
    const draft: unknown = JSON.parse(flow.draft);
    if (!renameInDocument(draft, names, newName)) continue;

    await trx
      .updateTable('flows')
      .set({ draft: JSON.stringify(draft), updated_at: updatedAt })
      .where('id', '=', flow.id)
      .execute();
    changed.push(flow.id);
  }
  return changed;
}

/**
 * Lists the flows with a node that uses one of `names`: in the draft of any flow, or in any
 * published version of an enabled flow, because live runs stay pinned to older versions.
 * Flows come sorted by name, ignoring case.
 */
export async function flowsUsing(
  db: Kysely<Database>,
  names: readonly string[],
): Promise<FlowUse[]> {
  const nameSet = new Set(names);
  const uses = new Map<string, FlowUse>();
  const useOf = (flowId: string, flowName: string) => {
    let use = uses.get(flowId);
    if (!use) {
      use = { flowId, flowName, draft: false, versions: [] };
      uses.set(flowId, use);
    }
    return use;
  };

  const drafts = await db
    .selectFrom('flows')
    .select(['id', 'name', 'draft'])
    .where(mentionsAny('draft', names))
    .execute();
  for (const flow of drafts) {
    if (nodesUseAny(JSON.parse(flow.draft), nameSet)) useOf(flow.id, flow.name).draft = true;
  }

  const versions = await db
    .selectFrom('flow_versions as v')
    .innerJoin('flows as f', 'f.id', 'v.flow_id')
    .select(['f.id', 'f.name', 'v.version', 'v.document'])
    .where('f.enabled', '=', 1)
    .where(mentionsAny('v.document', names))
    .orderBy('v.version')
    .execute();
  for (const row of versions) {
    if (nodesUseAny(JSON.parse(row.document), nameSet)) {
      useOf(row.id, row.name).versions.push(row.version);
    }
  }

  return [...uses.values()].sort((left, right) =>
    left.flowName.toLowerCase().localeCompare(right.flowName.toLowerCase()),
  );
}

/** Describes one flow's use for a message, such as `"Onboarding" (draft, published versions 1, 2)`. */
export function describeFlowUse(use: FlowUse): string {
  const places: string[] = [];
  if (use.draft) places.push('draft');
  if (use.versions.length === 1) places.push(`published version ${use.versions[0]}`);
  if (use.versions.length > 1) places.push(`published versions ${use.versions.join(', ')}`);
  return `"${use.flowName}" (${places.join(', ')})`;
}

/**
 * Renames the credential references of a parsed flow document in place. Returns true when it
 * changed anything. A `credentials` entry that the rename makes a duplicate of another is dropped.
 */
export function renameInDocument(
  document: unknown,
  oldNames: ReadonlySet<string>,
  newName: string,
): boolean {
  if (!isRecord(document)) return false;

  let changed = false;
  for (const node of arrayOf(document.nodes)) {
    if (isRecord(node) && typeof node.credential === 'string' && oldNames.has(node.credential)) {
      node.credential = newName;
      changed = true;
    }
  }

  if (!Array.isArray(document.credentials)) return changed;
  const entries: unknown[] = [];
  let listsNewName = false;
  for (const entry of document.credentials as unknown[]) {
    if (isRecord(entry) && typeof entry.name === 'string' && oldNames.has(entry.name)) {
      entry.name = newName;
      changed = true;
    }
    const isNewName = isRecord(entry) && entry.name === newName;
    if (isNewName && listsNewName) {
      changed = true;
      continue;
    }
    listsNewName ||= isNewName;
    entries.push(entry);
  }
  document.credentials = entries;
  return changed;
}

/** Returns true when a node of the parsed flow document uses one of `names`. */
export function nodesUseAny(document: unknown, names: ReadonlySet<string>): boolean {
  if (!isRecord(document)) return false;
  return arrayOf(document.nodes).some(
    (node) => isRecord(node) && typeof node.credential === 'string' && names.has(node.credential),
  );
}

/**
 * Selects rows whose JSON column contains one of `names` as a JSON string, a cheap filter before
 * each candidate is parsed and checked. It finds every reference because the server writes
 * documents with JSON.stringify, which encodes a name the same way inside a document as alone.
 */
function mentionsAny(column: 'draft' | 'v.document', names: readonly string[]) {
  if (names.length === 0) return sql<SqlBool>`0`;

  const tests = names.map((name) => sql`instr(${sql.ref(column)}, ${JSON.stringify(name)}) > 0`);
  return sql<SqlBool>`(${sql.join(tests, sql` or `)})`;
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
