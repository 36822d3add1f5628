import type { Kysely } from 'kysely';
import { parseFlowDocument, type FlowDocument } from '@scimflow/flow';
import type { Database } from '../db/schema.js';
import './flow-tables.js';

/** A flow version that runs on live events. */
export interface PublishedFlow {
  flowId: string;
  version: number;
  document: FlowDocument;
}

/**
 * Lists, for every enabled flow, the newest version published at or before `at`, oldest flow
 * first. Flows with no version published by then are left out. Pass an event's `acceptedAt` to
 * pin the versions that run it. Timestamps compare as ISO 8601 UTC strings, the form
 * `Date.toISOString()` writes. Throws when a stored document no longer parses, because skipping the
 * flow would drop its events without a trace.
 */
export async function listPublishedFlows(
  db: Kysely<Database>,
  at: string | Date,
): Promise<PublishedFlow[]> {
  const cutoff = typeof at === 'string' ? at : at.toISOString();

  const rows = await selectPublishedAt(db, cutoff).select('v.document').execute();

  return rows.map((row) => ({
    flowId: row.flow_id,
    version: row.version,
    document: readDocument(row.flow_id, row.version, row.document),
  }));
}

/**
 * Returns one published version of a flow, enabled or not, or undefined when it does not exist.
 * Executions call it to load the version pinned when their event was accepted.
 */
export async function getFlowVersion(
  db: Kysely<Database>,
  flowId: string,
  version: number,
): Promise<PublishedFlow | undefined> {
  const row = await db
    .selectFrom('flow_versions')
    .select(['flow_id', 'version', 'document'])
    .where('flow_id', '=', flowId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) return undefined;

  return {
    flowId: row.flow_id,
    version: row.version,
    document: readDocument(row.flow_id, row.version, row.document),
  };
}

/** Parses a stored document, migrating it when it was written in an older format version. */
export function readDocument(
  flowId: string,
  version: number | 'draft',
  json: string,
): FlowDocument {
  const parsed = parseFlowDocument(json);
  if (parsed.ok) return parsed.document;

  const reasons = parsed.problems.map((problem) => problem.message).join(' ');
  throw new Error(
    `Stored document of flow ${flowId} version ${version} does not parse: ${reasons} Restore the flow from an export.`,
  );
}

/**
 * Selects the flow id and version of the newest version published at or before `cutoff` (an ISO
 * 8601 UTC string) of every enabled flow, oldest flow first. Callers add the columns they need.
 */
export function selectPublishedAt(db: Kysely<Database>, cutoff: string) {
  return db
    .selectFrom('flow_versions as v')
    .innerJoin('flows as f', 'f.id', 'v.flow_id')
    .select(['v.flow_id', 'v.version'])
    .where('f.enabled', '=', 1)
    .where('v.published_at', '<=', cutoff)
    .where(({ eb, selectFrom }) =>
      eb(
        'v.version',
        '=',
        selectFrom('flow_versions as newer')
          .select(({ fn }) => fn.max('newer.version').as('version'))
          .whereRef('newer.flow_id', '=', 'v.flow_id')
          .where('newer.published_at', '<=', cutoff),
      ),
    )
    .orderBy('f.created_at')
    .orderBy('f.id');
}
