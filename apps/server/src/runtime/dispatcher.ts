import type { Insertable, Kysely } from 'kysely';
import type { ProvisioningEvent } from '@scimflow/flow';
import { dispatchEvent, resourceKeyOf, type RuntimeLogger } from '@scimflow/runtime';
import type { Database } from '../db/schema.js';
import type { DispatchStatements, EventToDispatch } from './dispatch-statements.js';
import type { PublishedFlow } from './flow-source.js';
import type { ExecutionTable } from './tables.js';
import { VersionCache } from './version-cache.js';
import { orderedId } from '../db/ordered-id.js';

/** Name of the dispatcher's row in `runtime_cursors`. */
export const DISPATCH_CURSOR = 'dispatch';

/** Counts of one dispatch pass. */
export interface DispatchPass {
  /** Events read and moved past. */
  events: number;
  /** Executions created. */
  executions: number;
}

/**
 * Turns accepted events into queued executions, in `events.sequence` order. For each event it
 * picks every enabled flow whose version published at the event's acceptance time has a trigger
 * that matches, and queues one execution pinned to that version. The executions of a batch and
 * the cursor past the batch commit in one transaction, so a crash either creates all of them
 * and moves the cursor, or neither: no event is skipped and none is dispatched twice.
 */
export class Dispatcher {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly logger: RuntimeLogger,
    private readonly batchSize = 500,
    private readonly versions = new VersionCache(db),
    /** Prepared statements and group commit for the reads and the pass, else Kysely runs them. */
    private readonly statements?: DispatchStatements,
  ) {}

  /** Dispatches events after the cursor until none are left; returns what it did. */
  async drain(): Promise<DispatchPass> {
    const total: DispatchPass = { events: 0, executions: 0 };
    for (;;) {
      const pass = await this.dispatchBatch();
      total.events += pass.events;
      total.executions += pass.executions;
      if (pass.events < this.batchSize) return total;
    }
  }

  /** Dispatches up to one batch of events after the cursor. */
  async dispatchBatch(): Promise<DispatchPass> {
    const cursor = await this.readCursor();
    const { events, anyFlowEnabled } = await this.readEvents(cursor);
    if (events.length === 0) return { events: 0, executions: 0 };
    const now = Date.now();
    const last = events[events.length - 1]!.sequence;
    // No event can match without an enabled flow, so the cursor moves past the batch unread.
    if (!anyFlowEnabled) return this.commit(cursor, last, now, [], events.length);

    const parsed = events.map((row) => ({
      sequence: row.sequence,
      event: JSON.parse(row.payload) as ProvisioningEvent,
    }));
    const versionsAt = await this.versionLookup(parsed.map((entry) => entry.event.acceptedAt));

    const rows: Insertable<ExecutionTable>[] = [];
    for (const { sequence, event } of parsed) {
      const versions = await versionsAt(event.acceptedAt);
      const result = await dispatchEvent(
        event,
        versions.map((version) => ({
          flowId: version.flowId,
          versionId: String(version.version),
          document: version.document,
        })),
      );

      for (const failure of result.failed) {
        // The event still moves past, because a trigger that cannot be evaluated stays broken
        // until the flow is published again. A failed execution records it where admins look.
        this.logger.warn(
          {
            eventId: event.id,
            flowId: failure.flowId,
            nodeId: failure.nodeId,
            err: failure.message,
          },
          'trigger check failed; execution recorded as failed',
        );
        const version = versions.find((candidate) => candidate.flowId === failure.flowId);
        if (!version) continue;
        rows.push({
          ...executionRow(event, sequence, version, now),
          status: 'failed',
          error: failure.message,
          failed_node_id: failure.nodeId,
          finished_at: now,
        });
      }
      for (const match of result.matched) {
        const version = versions.find((candidate) => candidate.flowId === match.flowId);
        if (!version) continue;
        rows.push(executionRow(event, sequence, version, now));
      }
    }

    return this.commit(cursor, last, now, rows, events.length);
  }

  /** Reads a batch of events after `cursor`, and whether any flow could run them. */
  private async readEvents(
    cursor: number,
  ): Promise<{ events: EventToDispatch[]; anyFlowEnabled: boolean }> {
    if (this.statements) return this.statements.readEvents(cursor, this.batchSize);

    const events = await this.db
      .selectFrom('events')
      .select(['sequence', 'payload'])
      .where('sequence', '>', cursor)
      .orderBy('sequence')
      .limit(this.batchSize)
      .execute();
    return { events, anyFlowEnabled: true };
  }

  /**
   * Stores the executions of a pass and moves the cursor to `last`, unless another dispatcher
   * moved the cursor since this pass read it. Returns what the pass did.
   */
  private async commit(
    cursor: number,
    last: number,
    now: number,
    rows: Insertable<ExecutionTable>[],
    eventCount: number,
  ): Promise<DispatchPass> {
    const committed = this.statements
      ? await this.statements.commitPass({
          name: DISPATCH_CURSOR,
          expected: cursor,
          sequence: last,
          updatedAt: now,
          rows,
        })
      : await this.commitWithKysely(cursor, last, now, rows);

    if (!committed) return { events: 0, executions: 0 };
    return { events: eventCount, executions: rows.length };
  }

  private commitWithKysely(
    cursor: number,
    last: number,
    now: number,
    rows: Insertable<ExecutionTable>[],
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      // A second dispatcher on the same database may have moved the cursor meanwhile. Its
      // executions for these events are then stored already, so this pass writes nothing.
      if ((await readCursor(trx)) !== cursor) return false;

      if (rows.length > 0) {
        // SQLite allows at most 32,766 bound parameters per statement; 25 columns per row.
        for (let index = 0; index < rows.length; index += 500) {
          await trx
            .insertInto('executions')
            .values(rows.slice(index, index + 500))
            .execute();
        }
      }
      await trx
        .insertInto('runtime_cursors')
        .values({ name: DISPATCH_CURSOR, sequence: last, updated_at: now })
        .onConflict((conflict) =>
          conflict.column('name').doUpdateSet({ sequence: last, updated_at: now }),
        )
        .execute();
      return true;
    });
  }

  /** Returns the last dispatched event sequence, 0 before the first dispatch. */
  readCursor(): Promise<number> {
    if (this.statements) return this.statements.readCursor(DISPATCH_CURSOR);
    return readCursor(this.db);
  }

  /**
   * Returns a lookup of the runnable versions at a time within the batch. Publishing only adds
   * versions, so when the first and the last acceptance time of a batch see the same versions,
   * every time between has them too, and one query serves the whole batch.
   */
  private async versionLookup(times: string[]): Promise<(at: string) => Promise<PublishedFlow[]>> {
    const first = times[0]!;
    const last = times[times.length - 1]!;
    const atFirst = await this.versions.publishedAt(first);
    const atLast = first === last ? atFirst : await this.versions.publishedAt(last);
    if (sameVersions(atFirst, atLast)) return async () => atFirst;

    const cache = new Map<string, PublishedFlow[]>([
      [first, atFirst],
      [last, atLast],
    ]);
    return async (at) => {
      const cached = cache.get(at);
      if (cached) return cached;
      const versions = await this.versions.publishedAt(at);
      cache.set(at, versions);
      return versions;
    };
  }
}

async function readCursor(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('runtime_cursors')
    .select('sequence')
    .where('name', '=', DISPATCH_CURSOR)
    .executeTakeFirst();
  return row?.sequence ?? 0;
}

function sameVersions(left: PublishedFlow[], right: PublishedFlow[]): boolean {
  if (left.length !== right.length) return false;
  return left.every(
    (version, index) =>
      version.flowId === right[index]!.flowId && version.version === right[index]!.version,
  );
}

/** Returns the display name of an event's resource: a user's userName or a group's displayName. */
export function resourceDisplay(event: ProvisioningEvent): string | null {
  const resource = event.user ?? event.group ?? event.after ?? event.before ?? undefined;
  const display = resource?.userName ?? resource?.displayName;
  return typeof display === 'string' ? display : null;
}

function executionRow(
  event: ProvisioningEvent,
  sequence: number,
  version: PublishedFlow,
  now: number,
): Insertable<ExecutionTable> {
  return {
    id: orderedId(),
    flow_id: version.flowId,
    flow_version: version.version,
    flow_name: version.document.name,
    event_id: event.id,
    sequence,
    event_type: event.type,
    event_payload: null,
    resource_key: resourceKeyOf(event),
    resource_type: event.resourceType,
    resource_id: event.resourceId,
    resource_display: resourceDisplay(event),
    status: 'queued',
    attempts: 0,
    dry_run: 0,
    test: 0,
    not_before: 0,
    queued_at: now,
  };
}
