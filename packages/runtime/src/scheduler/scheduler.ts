import { silentLogger } from '../logger.js';
import type { RuntimeLogger } from '../types.js';
import { systemClock } from './clock.js';
import type { ClaimedExecution, Clock, ExecutionOutcome, ExecutionStore } from './types.js';

/** Options of ExecutionScheduler. Every time is in milliseconds. */
export interface SchedulerOptions {
  store: ExecutionStore;
  /** Runs one claimed execution, typically by loading its event and version and calling runExecution. */
  execute(execution: ClaimedExecution, signal: AbortSignal): Promise<ExecutionOutcome>;
  /** Executions that run at the same time. Default 4. */
  workers?: number;
  /** Lease length of a claim, after which another worker may take the execution over. Default 60 000. */
  leaseMs?: number;
  /** How often an idle worker checks the queue without a wake() call. Default 1 000. */
  pollMs?: number;
  /** Runs of one execution in total, first one included, for retryable failures. Default 5. */
  maxAttempts?: number;
  /** Wait before retry n (1 for the first retry). Default: 1 s, doubling up to 5 minutes. */
  backoff?: (retry: number) => number;
  /** Prefix of worker ids, which the store records as lease owners. Default "worker". */
  workerIdPrefix?: string;
  clock?: Clock;
  logger?: RuntimeLogger;
}

/** Default backoff: 1 s, 2 s, 4 s and so on, capped at 5 minutes. */
export function defaultBackoff(retry: number): number {
  return Math.min(1_000 * 2 ** (retry - 1), 300_000);
}

/**
 * Runs queued executions with a fixed number of workers. Each worker claims the next execution
 * that the store allows (the store keeps per-resource order), renews its lease while it runs, then
 * completes it or puts it back for a retry with backoff. Executions of different resources run
 * concurrently, up to the worker count.
 */
export class ExecutionScheduler {
  private readonly options: Required<Omit<SchedulerOptions, 'logger'>> & { logger: RuntimeLogger };
  private readonly stopping = new AbortController();
  private readonly workers: Promise<void>[] = [];
  private wakeups: (() => void)[] = [];
  private idleWorkers = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(options: SchedulerOptions) {
    this.options = {
      workers: 4,
      leaseMs: 60_000,
      pollMs: 1_000,
      maxAttempts: 5,
      backoff: defaultBackoff,
      workerIdPrefix: 'worker',
      clock: systemClock,
      logger: silentLogger,
      ...options,
    };
    if (!Number.isInteger(this.options.workers) || this.options.workers < 1) {
      throw new Error(
        `Scheduler worker count ${this.options.workers} is invalid. Use a whole number of 1 or more.`,
      );
    }
  }

  /** Starts the workers. Calling it twice starts no more. */
  start(): void {
    if (this.workers.length > 0) return;
    for (let index = 0; index < this.options.workers; index++) {
      this.workers.push(this.work(`${this.options.workerIdPrefix}-${index + 1}`));
    }
  }

  /** Wakes idle workers, so an execution enqueued just now starts without waiting for the poll. */
  wake(): void {
    const wakeups = this.wakeups;
    this.wakeups = [];
    for (const wakeup of wakeups) wakeup();
  }

  /** Stops claiming and resolves when the running executions have finished. */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.wake();
    await Promise.all(this.workers);
  }

  /**
   * Resolves once every worker found the queue empty of claimable executions at the same time.
   * For tests and shutdown scripts; executions waiting for a retry time do not keep it pending.
   */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.wake();
    });
  }

  private async work(workerId: string): Promise<void> {
    const { store, clock, leaseMs } = this.options;
    // The next execution to run, when finishing the last one claimed it in the same write.
    let claimed: ClaimedExecution | undefined;

    // An execution claimed before a stop still runs, so that it does not wait for its lease.
    while (claimed || !this.stopping.signal.aborted) {
      if (!claimed) {
        const now = clock.now();
        try {
          claimed = await store.claimNext({ workerId, now, leaseUntil: now + leaseMs });
        } catch (error) {
          this.options.logger.error(
            { workerId, err: String(error) },
            'claiming an execution failed',
          );
        }
      }

      if (!claimed) {
        await this.waitIdle();
        continue;
      }

      // The queue may hold more, so one idle worker claims too, and wakes the next if it finds one.
      // Waking one at a time keeps a short queue from sending every idle worker to claim in vain.
      this.wakeOne();
      claimed = await this.runClaimed(workerId, claimed);
      // This worker claims next, so an execution that this one unblocked (the next of its
      // resource) is claimed by this worker or by the idle worker that its claim wakes.
    }
  }

  /** Wakes one idle worker, if any. */
  private wakeOne(): void {
    this.wakeups.shift()?.();
  }

  private async waitIdle(): Promise<void> {
    this.idleWorkers++;
    if (this.idleWorkers === this.options.workers && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const waiter of waiters) waiter();
    }

    // `stop` wakes every listed worker, so only a worker that comes here after it needs this
    // check. A listener on the stop signal per idle worker would trip Node's listener warning
    // beyond 10 workers.
    if (this.stopping.signal.aborted) {
      this.idleWorkers--;
      return;
    }

    const woken = new AbortController();
    const wakeUp = () => woken.abort();
    this.wakeups.push(wakeUp);
    await this.options.clock.sleep(this.options.pollMs, woken.signal);
    // After a poll timeout the wake-up is still listed, and `wakeOne` must not pick it.
    const index = this.wakeups.indexOf(wakeUp);
    if (index >= 0) this.wakeups.splice(index, 1);
    this.idleWorkers--;
  }

  /** Runs a claimed execution and settles it; returns the next execution if settling claimed one. */
  private async runClaimed(
    workerId: string,
    execution: ClaimedExecution,
  ): Promise<ClaimedExecution | undefined> {
    const { store, clock, leaseMs, logger } = this.options;
    const log = logger.child({ executionId: execution.id, workerId, attempt: execution.attempt });
    const controller = new AbortController();

    // Renew the lease at a third of its length, so two missed renewals still leave it valid.
    const renewal = setInterval(
      () => {
        store.renewLease(execution.id, workerId, clock.now() + leaseMs).then(
          (kept) => {
            if (kept) return;
            log.warn({}, 'lease lost; stopping the execution');
            controller.abort(
              new Error(`Execution ${execution.id} was taken over by another worker.`),
            );
          },
          (error: unknown) => log.error({ err: String(error) }, 'renewing the lease failed'),
        );
      },
      Math.max(10, Math.floor(leaseMs / 3)),
    );

    let outcome: ExecutionOutcome;
    try {
      outcome = await this.options.execute(execution, controller.signal);
    } catch (error) {
      outcome = {
        status: 'failed',
        retryable: true,
        error: error instanceof Error ? error.message : String(error),
      };
    } finally {
      clearInterval(renewal);
    }

    try {
      return await this.settle(workerId, execution, outcome);
    } catch (error) {
      // The lease runs out and another worker takes the execution over, which resumes it.
      log.error({ err: String(error) }, 'recording the execution outcome failed');
      return undefined;
    }
  }

  /**
   * Completes or requeues an execution by its outcome. When the store can, completing also claims
   * this worker's next execution in the same write, and that execution is returned.
   */
  private async settle(
    workerId: string,
    execution: ClaimedExecution,
    outcome: ExecutionOutcome,
  ): Promise<ClaimedExecution | undefined> {
    const { store, clock, maxAttempts, backoff, logger } = this.options;
    const log = logger.child({ executionId: execution.id, workerId, attempt: execution.attempt });

    const retry =
      outcome.status === 'failed' && outcome.retryable === true && execution.attempt < maxAttempts;
    if (!retry) {
      if (outcome.status === 'failed') {
        log.warn({ err: outcome.error, retryable: outcome.retryable }, 'execution failed');
      }
      return this.complete(workerId, execution, outcome);
    }

    const delay = Math.max(backoff(execution.attempt), outcome.retryAfterMs ?? 0);
    log.info({ err: outcome.error, delayMs: delay }, 'execution failed; retrying later');
    await store.requeue(execution.id, workerId, {
      notBefore: clock.now() + delay,
      error: outcome.error,
    });
    return undefined;
  }

  private async complete(
    workerId: string,
    execution: ClaimedExecution,
    outcome: ExecutionOutcome,
  ): Promise<ClaimedExecution | undefined> {
    const { store, clock, leaseMs } = this.options;
    if (!store.completeAndClaimNext || this.stopping.signal.aborted) {
      await store.complete(execution.id, workerId, outcome);
      return undefined;
    }

    const now = clock.now();
    return store.completeAndClaimNext(execution.id, workerId, outcome, {
      workerId,
      now,
      leaseUntil: now + leaseMs,
    });
  }
}
