import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { eventsAcceptedTotal, queueDepth } from './registry.js';

/** Statuses of executions that are still in the queue. */
const UNFINISHED_STATUSES = ['queued', 'running'] as const;

/**
 * Updates the metrics that the database is the source of, before each scrape: events accepted
 * since the last scrape, counted from the `events` table by type, and the queue depth from the
 * runtime's `executions` table when it exists.
 */
export class DatabaseMetrics {
  private lastSequence = 0;
  private hasExecutionsTable: boolean | undefined;

  private constructor(private readonly db: Kysely<Database>) {}

  /** Starts counting at the newest event, so the counter covers events accepted from now on. */
  static async start(db: Kysely<Database>): Promise<DatabaseMetrics> {
    const metrics = new DatabaseMetrics(db);
    const newest = await db
      .selectFrom('events')
      .select(({ fn }) => fn.max('sequence').as('sequence'))
      .executeTakeFirst();
    metrics.lastSequence = newest?.sequence ?? 0;
    return metrics;
  }

  /** Counts the events accepted since the last call and reads the queue depth. */
  async refresh(): Promise<void> {
    await this.countNewEvents();
    await this.readQueueDepth();
  }

  // NOTE: events that retention deletes between two scrapes are never counted.
  private async countNewEvents(): Promise<void> {
    const rows = await this.db
      .selectFrom('events')
      .select(({ fn }) => [
        'type',
        fn.countAll<number>().as('count'),
        fn.max('sequence').as('last'),
      ])
      .where('sequence', '>', this.lastSequence)
      .groupBy('type')
      .execute();

    for (const row of rows) {
      eventsAcceptedTotal.inc({ type: row.type }, Number(row.count));
      this.lastSequence = Math.max(this.lastSequence, Number(row.last));
    }
  }

  private async readQueueDepth(): Promise<void> {
    // The table set is fixed once migrations ran at startup, so one look is enough.
    if (this.hasExecutionsTable === undefined) {
      const tables = await this.db.introspection.getTables();
      this.hasExecutionsTable = tables.some((table) => table.name === 'executions');
    }
    if (!this.hasExecutionsTable) return;

    const result = await sql<{ status: string; count: number }>`
      select status, count(*) as count from executions
      where status in (${sql.join([...UNFINISHED_STATUSES])})
      group by status
    `.execute(this.db);

    for (const status of UNFINISHED_STATUSES) {
      const row = result.rows.find((candidate) => candidate.status === status);
      queueDepth.set({ status }, Number(row?.count ?? 0));
    }
  }
}
