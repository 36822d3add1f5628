import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { FlowDocument } from '@scimflow/flow';
import { isUniqueViolation } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { FlowTable, FlowVersionTable } from './flow-tables.js';
import { readDocument } from './published.js';
import { acceptanceClock } from '../events/acceptance-clock.js';

export type FlowRow = FlowTable;
export type FlowVersionRow = FlowVersionTable;

/** Thrown when a flow name is already used by another flow, ignoring case. */
export class FlowNameTakenError extends Error {
  constructor(readonly flowName: string) {
    super(
      `A flow named "${flowName}" already exists (names ignore case). Choose another name, or pass "name" to import under a new name.`,
    );
  }
}

/** The newest version of a flow, for the published version number and the draft comparison. */
export interface LatestVersion {
  version: number;
  document: string;
}

/** Reads and writes flows, their drafts and their published versions. */
export class FlowStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Lists flows by name, ignoring case. */
  async list(): Promise<FlowRow[]> {
    return this.db.selectFrom('flows').selectAll().orderBy('name_lower').execute();
  }

  /** Returns the flow with `id`, or undefined. */
  async find(id: string): Promise<FlowRow | undefined> {
    return this.db.selectFrom('flows').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Returns true when a flow other than `exceptId` has the name, ignoring case. */
  async nameTaken(name: string, exceptId?: string): Promise<boolean> {
    let select = this.db.selectFrom('flows').select('id').where('name_lower', '=', nameKey(name));
    if (exceptId) select = select.where('id', '!=', exceptId);
    return (await select.executeTakeFirst()) !== undefined;
  }

  /** Creates a disabled flow with `document` as its draft. Throws FlowNameTakenError. */
  async create(document: FlowDocument): Promise<FlowRow> {
    const now = new Date().toISOString();
    const row: FlowRow = {
      id: crypto.randomUUID(),
      ...documentColumns(document),
      enabled: 0,
      created_at: now,
      updated_at: now,
    };

    try {
      await this.db.insertInto('flows').values(row).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new FlowNameTakenError(document.name);
      throw error;
    }
    return row;
  }

  /** Replaces the draft; the flow's name and description follow the document's. */
  async saveDraft(flow: FlowRow, document: FlowDocument): Promise<FlowRow> {
    return this.update(flow, { ...documentColumns(document) });
  }

  /** Switches live runs of the flow's published versions on or off. */
  async setEnabled(flow: FlowRow, enabled: boolean): Promise<FlowRow> {
    return this.update(flow, { enabled: enabled ? 1 : 0 });
  }

  /** Deletes the flow and its versions. Executions stay as history. */
  async delete(id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('flow_versions').where('flow_id', '=', id).execute();
      await trx.deleteFrom('flows').where('id', '=', id).execute();
    });
  }

  /** Returns the newest published version of each flow, keyed by flow id. */
  async latestVersions(flowIds?: string[]): Promise<Map<string, LatestVersion>> {
    if (flowIds?.length === 0) return new Map();

    let select = this.db
      .selectFrom('flow_versions as v')
      .select(['v.flow_id', 'v.version', 'v.document'])
      .where(({ eb, selectFrom }) =>
        eb(
          'v.version',
          '=',
          selectFrom('flow_versions as newer')
            .select(({ fn }) => fn.max('newer.version').as('version'))
            .whereRef('newer.flow_id', '=', 'v.flow_id'),
        ),
      );
    if (flowIds) select = select.where('v.flow_id', 'in', flowIds);

    const rows = await select.execute();
    return new Map(
      rows.map((row) => [row.flow_id, { version: row.version, document: row.document }]),
    );
  }

  /**
   * Publishes the draft as the next version. The primary key (flow_id, version) makes one of two
   * concurrent publishes fail instead of both writing the same number.
   */
  async publish(flow: FlowRow, note: string, publishedBy: string): Promise<FlowVersionRow> {
    return this.db.transaction().execute(async (trx) => {
      const newest = await trx
        .selectFrom('flow_versions')
        .select(({ fn }) => fn.max('version').as('version'))
        .where('flow_id', '=', flow.id)
        .executeTakeFirst();

      const row: FlowVersionRow = {
        flow_id: flow.id,
        version: (newest?.version ?? 0) + 1,
        document: flow.draft,
        note,
        published_by: publishedBy,
        published_at: acceptanceClock.versionPublishedAt(),
      };
      await trx.insertInto('flow_versions').values(row).execute();
      return row;
    });
  }

  /** Lists a flow's versions, newest first. */
  async versions(flowId: string): Promise<FlowVersionRow[]> {
    return this.db
      .selectFrom('flow_versions')
      .selectAll()
      .where('flow_id', '=', flowId)
      .orderBy('version', 'desc')
      .execute();
  }

  /** Returns one version of a flow, or undefined. */
  async version(flowId: string, version: number): Promise<FlowVersionRow | undefined> {
    return this.db
      .selectFrom('flow_versions')
      .selectAll()
      .where('flow_id', '=', flowId)
      .where('version', '=', version)
      .executeTakeFirst();
  }

  private async update(flow: FlowRow, changes: Partial<FlowRow>): Promise<FlowRow> {
    const updated: FlowRow = { ...flow, ...changes, updated_at: new Date().toISOString() };
    try {
      await this.db
        .updateTable('flows')
        .set({ ...changes, updated_at: updated.updated_at })
        .where('id', '=', flow.id)
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new FlowNameTakenError(updated.name);
      throw error;
    }
    return updated;
  }
}

/** Returns the stored draft of a flow. */
export function draftOf(flow: FlowRow): FlowDocument {
  return readDocument(flow.id, 'draft', flow.draft);
}

/** Returns the columns a document sets. The stored draft leaves out `id`, which the row carries. */
function documentColumns(document: FlowDocument) {
  const { id: _id, ...rest } = document;
  return {
    name: document.name,
    name_lower: nameKey(document.name),
    description: document.description,
    draft: JSON.stringify(rest),
  };
}

function nameKey(name: string): string {
  return name.toLowerCase();
}
