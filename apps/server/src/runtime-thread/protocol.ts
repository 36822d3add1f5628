import type { MetricObjectWithValues, MetricValue } from 'prom-client';
import type { RuntimeSettings } from '../runtime/settings.js';

/** The settings and key that the runtime thread opens the database and runs flows with (`workerData`). */
export interface RuntimeThreadData {
  dataDir: string;
  settings: RuntimeSettings;
  /** The 32-byte key that decrypts credentials. It stays inside this process. */
  secretKey: Uint8Array;
  logLevel: string;
  /** The main thread's `CommitSignal` buffer, shared so that each side's commits wake the other. */
  commitSignal: SharedArrayBuffer;
  /** The process's connector key locks (`keyLockMemory`), so upserts wait across threads. */
  keyLocks: SharedArrayBuffer;
  /** True for one thread at the server's start: it fails the test runs a crash left running. */
  recoverTestRuns: boolean;
}

/** Messages from the server's main thread to the runtime thread. */
export type ToRuntimeThread =
  | { type: 'wake' }
  | { type: 'wakeWorkers' }
  | { type: 'metrics'; id: number }
  /** Blocks the thread's event loop, so that tests can simulate a thread too busy to reply. */
  | { type: 'block'; milliseconds: number }
  | { type: 'stop' };

/** Messages from the runtime thread to the main thread. */
export type FromRuntimeThread =
  | { type: 'ready' }
  | { type: 'log'; text: string }
  | { type: 'metrics'; id: number; metrics: MetricObjectWithValues<MetricValue<string>>[] }
  | { type: 'stopped' }
  | { type: 'failed'; message: string };

/** The metrics that the runtime thread records; the main thread adds them to `/metrics`. */
export const RUNTIME_METRIC_NAMES = [
  'scimflow_executions_total',
  'scimflow_step_duration_seconds',
  'scimflow_retries_total',
];
