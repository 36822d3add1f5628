import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { keyLockMemory } from '../../src/connectors/sheets/key-lock.js';

/**
 * Starts a worker thread that takes the key lock of `key` in this process's lock memory and
 * holds it, renewing a lease of `leaseMs`, until it receives "release" or is terminated.
 * Resolves once the worker holds the lock.
 */
export async function startLockHolder(key: string, leaseMs: number): Promise<Worker> {
  const worker = new Worker(new URL('./key-lock-holder.mjs', import.meta.url), {
    workerData: { memory: keyLockMemory(), key, leaseMs },
  });
  const [message] = (await once(worker, 'message')) as [string];
  if (message !== 'holding') throw new Error(`The lock holder sent "${message}", not "holding"`);
  return worker;
}
