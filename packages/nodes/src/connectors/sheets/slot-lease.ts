// A default import, because the designer's bundle includes this module without running it, and
// a browser build has no named exports of node:worker_threads.
import workerThreads from 'node:worker_threads';
import { KeyLockTimeoutError } from './key-lock-error.js';

/** How long a holder keeps a slot without renewing, and how long a waiter waits for one. */
export interface LeaseTiming {
  /** A holder renews its lease every quarter of this, in milliseconds. */
  leaseMs: number;
  /** A waiter gives up with a `KeyLockTimeoutError` after this many milliseconds. */
  waitLimitMs: number;
}

/** Reports a takeover or a lost lease. The upsert passes its step log. */
export type LeaseWarning = (message: string, fields: Record<string, unknown>) => void;

// A cell is 0 when the slot is free. Otherwise its low bits are the holder's thread id plus one
// and its high bits the lease's expiry in monotonic milliseconds. Holder and expiry change in one
// compare-and-exchange, so of a takeover and a renewal of the same lease only one succeeds.
// 43 bits of milliseconds last 278 years of uptime.
const HOLDER_BITS = 20n;
const HOLDER_MASK = (1n << HOLDER_BITS) - 1n;

/** This thread's holder value, read on first use for the reason above. */
let holder: bigint | undefined;
function holderOfThisThread(): bigint {
  holder ??= (BigInt(workerThreads.threadId) + 1n) & HOLDER_MASK;
  return holder;
}

/**
 * Milliseconds on the monotonic clock, which every thread of the process shares and which
 * changes of the wall clock do not move.
 */
function monotonicMs(): bigint {
  return process.hrtime.bigint() / 1_000_000n;
}

function holderThreadOf(cell: bigint): number {
  return Number((cell & HOLDER_MASK) - 1n);
}

function expiryOf(cell: bigint): bigint {
  return cell >> HOLDER_BITS;
}

/**
 * A slot of the shared lock memory held by this thread. The holder renews the lease while its
 * work runs. When the holder's thread dies, renewals stop, and a waiter takes the slot over once
 * the lease has expired.
 */
export class SlotLease {
  private renewal: NodeJS.Timeout | undefined;

  private constructor(
    private readonly cells: BigInt64Array,
    private readonly slot: number,
    private cell: bigint,
    private readonly timing: LeaseTiming,
    private readonly description: string,
    private readonly warn: LeaseWarning,
  ) {
    this.renewal = setInterval(() => this.renew(), Math.max(1, timing.leaseMs / 4));
    // A held lock must not keep the process alive on its own.
    this.renewal.unref();
  }

  /**
   * Takes the slot, waiting while another holder renews its lease. Throws a
   * `KeyLockTimeoutError` naming `description` when the slot is still held after the wait limit.
   */
  static async acquire(
    cells: BigInt64Array,
    slot: number,
    timing: LeaseTiming,
    description: string,
    warn: LeaseWarning,
  ): Promise<SlotLease> {
    const started = monotonicMs();
    const deadline = started + BigInt(timing.waitLimitMs);

    for (;;) {
      const now = monotonicMs();
      const current = Atomics.load(cells, slot);
      const mine = ((now + BigInt(timing.leaseMs)) << HOLDER_BITS) | holderOfThisThread();

      if (current === 0n || expiryOf(current) <= now) {
        if (Atomics.compareExchange(cells, slot, current, mine) === current) {
          if (current !== 0n) {
            warn('took over an expired key lock', {
              description,
              slot,
              previousHolderThread: holderThreadOf(current),
              expiredMsAgo: Number(now - expiryOf(current)),
            });
          }
          return new SlotLease(cells, slot, mine, timing, description, warn);
        }
        // Another waiter changed the cell in between; look at it again.
        continue;
      }

      if (now >= deadline) {
        throw new KeyLockTimeoutError(description, Number(now - started), holderThreadOf(current));
      }

      // A release wakes the waiters. A renewal does not, so a waiter also looks again when the
      // lease it saw would expire.
      const untilExpiry = expiryOf(current) - now;
      const untilDeadline = deadline - now;
      const timeout = untilExpiry < untilDeadline ? untilExpiry : untilDeadline;
      const wait = Atomics.waitAsync(cells, slot, current, Number(timeout));
      if (wait.async) await wait.value;
    }
  }

  /** Frees the slot and wakes its waiters, unless a waiter took the lease over meanwhile. */
  release(): void {
    clearInterval(this.renewal);
    this.renewal = undefined;

    if (Atomics.compareExchange(this.cells, this.slot, this.cell, 0n) === this.cell) {
      Atomics.notify(this.cells, this.slot);
    }
  }

  private renew(): void {
    const renewed =
      ((monotonicMs() + BigInt(this.timing.leaseMs)) << HOLDER_BITS) | holderOfThisThread();
    if (Atomics.compareExchange(this.cells, this.slot, this.cell, renewed) === this.cell) {
      this.cell = renewed;
      return;
    }

    // This thread's event loop stalled for longer than the lease, and a waiter took over.
    // NOTE: the work keeps running, so it may overlap the new holder's upsert of the same tab.
    clearInterval(this.renewal);
    this.renewal = undefined;
    this.warn('lost a key lock lease while its work ran', {
      description: this.description,
      slot: this.slot,
      leaseMs: this.timing.leaseMs,
    });
  }
}
