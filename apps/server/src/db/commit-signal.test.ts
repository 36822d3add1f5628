import { describe, expect, it } from 'vitest';
import { CommitSignal } from './commit-signal.js';

describe('CommitSignal', () => {
  it('ends a wait when a commit is counted', async () => {
    const signal = new CommitSignal();
    const seen = signal.current();
    setTimeout(() => signal.committed(), 10);

    const started = Date.now();
    await signal.changedSince(seen, 5_000);

    expect(Date.now() - started).toBeLessThan(2_000);
    expect(signal.current()).toBe(seen + 1);
  });

  it('returns at once when a commit came after the count was read', async () => {
    const signal = new CommitSignal();
    const seen = signal.current();
    signal.committed();

    const started = Date.now();
    await signal.changedSince(seen, 5_000);

    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('ends a wait after the timeout without a commit', async () => {
    const signal = new CommitSignal();

    const started = Date.now();
    await signal.changedSince(signal.current(), 30);

    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('shares the count through its buffer', () => {
    const signal = new CommitSignal();
    const other = new CommitSignal(signal.buffer);
    other.committed();

    expect(signal.current()).toBe(1);
  });
});
