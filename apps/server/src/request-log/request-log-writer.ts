import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import { compileStatement, readWithConnection } from '../db/compiled-statement.js';
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
  private readonly writeBatch: (batch: RequestLogEntry[]) => void;

  constructor(
    private readonly db: Kysely<Database>,
    sqlite: BetterSqlite3.Database,
    private readonly limit: number,
    private readonly log: FastifyBaseLogger,
  ) {
    this.writeBatch = batchWriter(db, sqlite, limit);
  }

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
      await readWithConnection(this.db, () => this.writeBatch(batch));
    } catch (error) {
      // An endpoint deleted while its entries waited fails the foreign key; the entries are dropped.
      this.log.warn({ err: error, entries: batch.length }, 'request log write failed');
    }
  }
}

/**
 * Returns a function that inserts a batch and trims each of its endpoints to the newest `limit`
 * entries, in one transaction on statements prepared once. The caller must own the connection.
 */
function batchWriter(
  db: Kysely<Database>,
  sqlite: BetterSqlite3.Database,
  limit: number,
): (batch: RequestLogEntry[]) => void {
  const insert = compileStatement<RequestLogEntry>(sqlite, (param) =>
    db.insertInto('request_log').values({
      endpoint_id: param('endpoint_id'),
      method: param('method'),
      path: param('path'),
      query: param('query'),
      status: param('status'),
      duration_ms: param('duration_ms'),
      user_agent: param('user_agent'),
      dialect: param('dialect'),
      request_body: param('request_body'),
      response_body: param('response_body'),
      created_at: param('created_at'),
    }),
  );
  // Deletes every entry at or below the endpoint's (limit + 1)-th newest; none when there are fewer.
  const trim = compileStatement<{ endpointId: string; limit: number }>(sqlite, (param) =>
    db
      .deleteFrom('request_log')
      .where('endpoint_id', '=', param('endpointId'))
      .where('seq', '<=', (eb) =>
        eb
          .selectFrom('request_log')
          .select('seq')
          .where('endpoint_id', '=', param('endpointId'))
          .orderBy('seq', 'desc')
          .limit(1)
          .offset(param('limit')),
      ),
  );

  const write = sqlite.transaction((batch: RequestLogEntry[]) => {
    for (const entry of batch) insert.run(entry);
    for (const endpointId of new Set(batch.map((entry) => entry.endpoint_id))) {
      trim.run({ endpointId, limit });
    }
  });
  // IMMEDIATE, as every transaction here: the runtime thread's connection writes too.
  return (batch) => write.immediate(batch);
}
