/**
 * A counter of group commits shared between the threads that write to one SQLite file. A writer
 * that found the write lock taken waits until the counter moves, so it tries again as soon as
 * the other thread's batch has committed instead of after a fixed sleep. Commits made outside a
 * `WriteQueue` do not move it, so every wait also ends after a timeout.
 */
export class CommitSignal {
  private readonly cells: Int32Array;

  constructor(readonly buffer = new SharedArrayBuffer(4)) {
    this.cells = new Int32Array(buffer);
  }

  /** Returns the current count, to pass to `changedSince` later. */
  current(): number {
    return Atomics.load(this.cells, 0);
  }

  /** Counts a commit and wakes the waiting threads. */
  committed(): void {
    Atomics.add(this.cells, 0, 1);
    Atomics.notify(this.cells, 0);
  }

  /** Resolves once the count differs from `seen`, or after `timeoutMs`. */
  async changedSince(seen: number, timeoutMs: number): Promise<void> {
    const wait = Atomics.waitAsync(this.cells, 0, seen, timeoutMs);
    if (wait.async) await wait.value;
  }
}
