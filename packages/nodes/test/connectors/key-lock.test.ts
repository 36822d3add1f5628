import { describe, expect, it } from 'vitest';
import {
  keyLockMemory,
  useKeyLockMemory,
  withKeyLock,
} from '../../src/connectors/sheets/key-lock.js';

describe('withKeyLock', () => {
  it('runs calls with one key one after another', async () => {
    const order: string[] = [];
    const slow = withKeyLock('tab', async () => {
      order.push('first starts');
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('first ends');
    });
    const fast = withKeyLock('tab', async () => {
      order.push('second runs');
    });
    await Promise.all([slow, fast]);

    expect(order).toEqual(['first starts', 'first ends', 'second runs']);
  });

  it('waits while another thread holds the shared slot', async () => {
    const memory = keyLockMemory();
    useKeyLockMemory(memory);
    // Stand in for another thread that owns every slot, whichever the key hashes to.
    const cells = new Int32Array(memory);
    cells.fill(1);

    let ran = false;
    const call = withKeyLock('people\u0000Staff list', async () => {
      ran = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ran).toBe(false);

    cells.fill(0);
    for (let slot = 0; slot < cells.length; slot++) Atomics.notify(cells, slot);
    await call;

    expect(ran).toBe(true);
    expect([...cells].every((cell) => cell === 0)).toBe(true);
  });
});
