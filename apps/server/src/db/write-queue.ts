import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import { CommitSignal } from './commit-signal.js';
import type { Database } from './schema.js';

interface Job {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Settled outcome of one job within a batch. */
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

// A batch bounds how long the first job of a long queue waits for its commit.
const MAX_BATCH = 256;
// Maximum wait in milliseconds before trying again for a write lock that another connection
// owns. A commit signalled by another thread ends the wait sooner.
const LOCK_RETRY_MS = 1;

/**
 * Group commit for SCIM writes. Each job is a synchronous function that reads and writes
 * through prepared statements (`compileStatement`). Jobs queued in the same event-loop turn,
 * and those queued while a batch was running, run in one transaction, each inside its own
 * savepoint. A job that throws rolls back to its savepoint and rejects; the others still commit.
 * Every promise settles only after COMMIT returned, so a resolved job is committed, and a failed
 * COMMIT rejects every job of the batch.
 *
 * Batches take Kysely's connection (`db.connection()`), so they never interleave with a Kysely
 * transaction on the same better-sqlite3 handle. When another connection to the same file (the
 * runtime thread's) holds the write lock, the batch waits on a timer instead of in SQLite's busy
 * handler, which would block the event loop.
 */
export class WriteQueue {
  private pending: Job[] = [];
  private running = false;
  private readonly begin: BetterSqlite3.Statement;
  private readonly commit: BetterSqlite3.Statement;
  private readonly savepoint: BetterSqlite3.Statement;
  private readonly release: BetterSqlite3.Statement;
  private readonly rollbackToSavepoint: BetterSqlite3.Statement;
  private readonly busyTimeoutMs: number;
  /** When BEGIN first found the write lock taken, while it stays taken. */
  private busySince: number | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    /** The better-sqlite3 handle that jobs prepare their statements on. */
    readonly sqlite: BetterSqlite3.Database,
    private readonly log: FastifyBaseLogger,
    /** Counts this queue's commits; pass its buffer to the other threads writing to this file. */
    readonly signal = new CommitSignal(),
  ) {
    // IMMEDIATE takes the write lock at BEGIN, so a busy database fails before any job runs.
    this.begin = sqlite.prepare('BEGIN IMMEDIATE');
    this.commit = sqlite.prepare('COMMIT');
    this.savepoint = sqlite.prepare('SAVEPOINT scim_write');
    this.release = sqlite.prepare('RELEASE scim_write');
    this.rollbackToSavepoint = sqlite.prepare('ROLLBACK TO scim_write');
    this.busyTimeoutMs = Number(sqlite.pragma('busy_timeout', { simple: true }));
  }

  /** Runs `work` in the next batch transaction; resolves with its result after the commit. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.running) {
        this.running = true;
        // setImmediate lets the requests already read from sockets join this batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        // Read before BEGIN, so that a commit between a failed BEGIN and the wait is not missed.
        const seen = this.signal.current();
        const began = await this.db.connection().execute(async () => {
          if (!this.beginWithoutWaiting()) return false;
          const jobs = this.pending.splice(0, MAX_BATCH);
          const outcomes = this.runBatchSafely(jobs);
          jobs.forEach((job, i) => {
            const outcome = outcomes[i]!;
            if (outcome.ok) job.resolve(outcome.value);
            else job.reject(outcome.error);
          });
          return true;
        });
        // Another connection holds the write lock: wait for its commit without blocking the event
        // loop. The jobs queued meanwhile join the batch.
        if (!began) await this.signal.changedSince(seen, LOCK_RETRY_MS);
      }
    } catch (error) {
      // Acquiring the connection failed (the database closed) or the lock stayed taken too long.
      this.log.error({ err: error, jobs: this.pending.length }, 'SCIM write batch failed');
      for (const job of this.pending.splice(0)) job.reject(error);
    } finally {
      this.busySince = undefined;
      this.running = false;
    }
  }

  /**
   * Runs BEGIN IMMEDIATE with a busy timeout of zero, so that a write lock held by another
   * connection returns at once instead of blocking the thread. Returns false while the lock is
   * taken; throws the busy error once it has been taken for longer than the busy timeout.
   */
  private beginWithoutWaiting(): boolean {
    // SQLite applies this pragma while preparing it, so a prepared statement could not repeat it.
    this.sqlite.pragma('busy_timeout = 0');
    try {
      this.begin.run();
      this.busySince = undefined;
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY') throw error;
      this.busySince ??= Date.now();
      if (Date.now() - this.busySince > this.busyTimeoutMs) throw error;
      return false;
    } finally {
      this.sqlite.pragma(`busy_timeout = ${this.busyTimeoutMs}`);
    }
  }

  private runBatchSafely(jobs: Job[]): Outcome[] {
    try {
      return this.runBatch(jobs);
    } catch (error) {
      // A failed SAVEPOINT, RELEASE or ROLLBACK TO leaves the batch in an unknown state.
      if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
      this.log.error({ err: error, jobs: jobs.length }, 'SCIM write batch rolled back');
      return jobs.map(() => ({ ok: false, error }));
    }
  }

  /**
   * Runs jobs in the transaction that `beginWithoutWaiting` opened and returns each job's
   * outcome, all failed if COMMIT fails.
   */
  private runBatch(jobs: Job[]): Outcome[] {
    const outcomes: Outcome[] = [];
    for (const job of jobs) {
      this.savepoint.run();
      try {
        const value = job.work();
        this.release.run();
        outcomes.push({ ok: true, value });
      } catch (error) {
        outcomes.push({ ok: false, error });
        // Some errors (disk full, I/O) end the whole transaction; the remaining jobs then fail.
        if (!this.sqlite.inTransaction) return this.failAll(jobs, outcomes, error);
        this.rollbackToSavepoint.run();
        this.release.run();
      }
    }

    try {
      this.commit.run();
      this.signal.committed();
    } catch (error) {
      if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
      return jobs.map(() => ({ ok: false, error }));
    }
    return outcomes;
  }

  private failAll(jobs: Job[], outcomes: Outcome[], error: unknown): Outcome[] {
    // Jobs that ran before were rolled back with the transaction, so none of them committed.
    return jobs.map((_job, i) => {
      const outcome = outcomes[i];
      return outcome && !outcome.ok ? outcome : { ok: false, error };
    });
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Group commit of SCIM user writes on the server's SQLite database. */
    scimWrites: WriteQueue;
  }
}
