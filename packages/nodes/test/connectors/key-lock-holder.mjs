// A worker thread that holds one key lock until the test posts "release" or terminates it.
// A worker does not inherit vitest's loader, so it registers tsx to load the TypeScript sources.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { useKeyLockMemory, withKeyLock } = await import('../../src/connectors/sheets/key-lock.ts');

const { memory, key, leaseMs } = workerData;
useKeyLockMemory(memory, { leaseMs, waitLimitMs: 60_000 });

const released = new Promise((resolve) => {
  parentPort.on('message', (message) => {
    if (message === 'release') resolve();
  });
});
await withKeyLock(key, async () => {
  parentPort.postMessage('holding');
  await released;
});
parentPort.postMessage('released');
parentPort.close();
