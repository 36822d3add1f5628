import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Database, RequestLogTable } from '../db/schema.js';

export type RequestLogEntry = Omit<RequestLogTable, 'seq'>;

const FLUSH_DELAY_MS = 200;
const FLUSH_BATCH = 200;

/**
 * Buffers request-log entries and writes them in batches, off the request path, keeping the
 * newest `limit` entries per endpoint. Entries still buffered are written by `close()`; a
 * crash loses at most the last ~200 ms of log entries, never SCIM data.
 */
export class RequestLogWriter {
  private pending: RequestLogEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly limit: number,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Queues one entry. */
  add(entry: RequestLogEntry): void {
    this.pending.push(entry);
    if (this.pending.length >= FLUSH_BATCH) {
      void this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), FLUSH_DELAY_MS);
    }
  }

  /** Writes every queued entry; resolves when they are stored. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return this.flushing;

    this.flushing = this.flushing.then(() => this.write(batch));
    return this.flushing;
  }

  /** Lists the newest entries of an endpoint, newest first, after flushing the buffer. */
  async list(endpointId: string, limit: number) {
    await this.flush();
    return this.db
      .selectFrom('request_log')
      .selectAll()
      .where('endpoint_id', '=', endpointId)
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
  }

  private async write(batch: RequestLogEntry[]): Promise<void> {
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto('request_log').values(batch).execute();

        for (const endpointId of new Set(batch.map((e) => e.endpoint_id))) {
          const cutoff = await trx
            .selectFrom('request_log')
            .select('seq')
            .where('endpoint_id', '=', endpointId)
            .orderBy('seq', 'desc')
            .offset(this.limit)
            .limit(1)
            .executeTakeFirst();
          if (cutoff) {
            await trx
              .deleteFrom('request_log')
              .where('endpoint_id', '=', endpointId)
              .where('seq', '<=', cutoff.seq)
              .execute();
          }
        }
      });
    } catch (error) {
      // An endpoint deleted while its entries waited fails the foreign key; the entries are dropped.
      this.log.warn({ err: error, entries: batch.length }, 'request log write failed');
    }
  }
}
