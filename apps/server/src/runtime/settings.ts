import { HostAllowlist } from '@scimflow/nodes';

/** Settings of the durable runtime. Every time is in milliseconds. */
export interface RuntimeSettings {
  /** Executions that run at the same time in this process (`SCIMFLOW_WORKERS`). */
  workers: number;
  /** Runs of one execution in total, first one included (`SCIMFLOW_EXECUTION_MAX_ATTEMPTS`). */
  maxAttempts: number;
  /** Wait before the first automatic retry; it doubles per retry up to `retryMaxDelayMs`. */
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  /** How long a claim holds; a crashed process's executions resume after it runs out. */
  leaseMs: number;
  /** How often the dispatcher and idle workers check for work without a wake-up. */
  pollMs: number;
  /** Finished live executions kept; older ones are pruned with their steps (`SCIMFLOW_EXECUTION_RETENTION`). */
  executionRetention: number;
  /** Finished test runs kept. */
  testRunRetention: number;
  /** Dispatched events kept that no stored execution refers to (`SCIMFLOW_EVENT_RETENTION`). */
  eventRetention: number;
  /** How often pruning runs. */
  pruneIntervalMs: number;
  /** How long a graceful stop waits for running executions before closing. */
  stopTimeoutMs: number;
  /** False leaves the runtime stopped, for tools that only write events. */
  enabled: boolean;
  /**
   * Worker threads that run flows, each with its own database connection, so that flows use
   * other CPU cores than the SCIM endpoint (`SCIMFLOW_RUNTIME_THREADS`). 0 runs them on the
   * main thread.
   */
  threads: number;
  /**
   * The hosts that flows and credential tests may send HTTP requests to, as `HostAllowlist`
   * entries separated by commas (`SCIMFLOW_HTTP_ALLOWED_HOSTS`). Any host when absent.
   */
  httpAllowedHosts?: string;
}

/** The defaults; `loadRuntimeSettings` and test configs override single fields. */
export const DEFAULT_RUNTIME_SETTINGS: RuntimeSettings = {
  // Each worker has at most one group-commit write in flight, so the worker count bounds how many
  // journal writes share a commit. On 2 cores, 20,000 events of the flow benchmark ran at 1,837
  // events/s with 8 workers and 2,172 with 32; connectors back off on 429 and Retry-After.
  workers: 32,
  maxAttempts: 5,
  retryBaseDelayMs: 1_000,
  retryMaxDelayMs: 300_000,
  leaseMs: 60_000,
  pollMs: 1_000,
  executionRetention: 10_000,
  testRunRetention: 1_000,
  eventRetention: 10_000,
  pruneIntervalMs: 60_000,
  stopTimeoutMs: 30_000,
  enabled: true,
  // Two threads ran the flow benchmark at 2,550 to 2,660 events/s on 2 cores, one at 2,350.
  threads: 2,
};

const VARIABLES: [keyof RuntimeSettings, string, number][] = [
  ['workers', 'SCIMFLOW_WORKERS', 1],
  ['maxAttempts', 'SCIMFLOW_EXECUTION_MAX_ATTEMPTS', 1],
  ['leaseMs', 'SCIMFLOW_EXECUTION_LEASE_MS', 100],
  ['executionRetention', 'SCIMFLOW_EXECUTION_RETENTION', 1],
  ['eventRetention', 'SCIMFLOW_EVENT_RETENTION', 1],
  ['threads', 'SCIMFLOW_RUNTIME_THREADS', 0],
];

/**
 * Reads runtime overrides from the environment. Throws naming the variable when a value is not a
 * whole number at or above its minimum.
 */
export function loadRuntimeSettings(env: NodeJS.ProcessEnv): Partial<RuntimeSettings> {
  const settings: Partial<RuntimeSettings> = {};
  for (const [key, name, minimum] of VARIABLES) {
    const text = env[name];
    if (text === undefined || text === '') continue;

    const value = Number(text);
    if (!Number.isInteger(value) || value < minimum) {
      throw new Error(`${name} must be a whole number of at least ${minimum}, got "${text}"`);
    }
    (settings as Record<string, number>)[key] = value;
  }

  const allowedHosts = env.SCIMFLOW_HTTP_ALLOWED_HOSTS;
  if (allowedHosts !== undefined && allowedHosts.trim() !== '') {
    try {
      HostAllowlist.parse(allowedHosts);
    } catch (error) {
      throw new Error(`SCIMFLOW_HTTP_ALLOWED_HOSTS: ${(error as Error).message}`);
    }
    settings.httpAllowedHosts = allowedHosts;
  }

  return settings;
}
