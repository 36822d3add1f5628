import type { ProvisioningEvent } from '@scimflow/flow';
import type { NodeDefinition, NodeResult, ResolvedCredential } from '../../src/define.js';
import {
  createHttpClient,
  type HttpClientOptions,
  type RetryingHttpClient,
} from '../../src/http/index.js';

/** A secret that no output, error or log line may contain. */
export const CANARY = 'canary-secret-7f3a9c1e5b';

/** Client options for tests: millisecond backoff, short timeouts. */
export const FAST_RETRY: HttpClientOptions = {
  baseDelayMs: 2,
  maxDelayMs: 3_000,
  timeoutMs: 2_000,
  maxAttempts: 4,
};

export const event: ProvisioningEvent = {
  id: 'evt-1',
  type: 'user.created',
  endpoint: 'default',
  dialect: 'generic',
  acceptedAt: '2026-12-04T20:00:00.000Z',
  resourceType: 'User',
  resourceId: 'user-1',
  user: { userName: 'ada@example.com' },
  before: null,
  after: { userName: 'ada@example.com' },
  changes: [],
};

export interface RunOptions {
  credential?: ResolvedCredential;
  dryRun?: boolean;
  http?: RetryingHttpClient;
  client?: HttpClientOptions;
}

/** What a run produced, with the log lines it wrote. */
export interface RunResult extends NodeResult {
  logs: string[];
}

/** Runs a node the way the runtime does: parses the config, then calls `run` with a fresh client. */
export async function runNode(
  node: NodeDefinition,
  config: unknown,
  options: RunOptions = {},
): Promise<RunResult> {
  const logs: string[] = [];
  const dryRun = options.dryRun ?? false;
  const http = options.http ?? createHttpClient({ ...FAST_RETRY, ...options.client, dryRun });

  const result = await node.run({
    config: node.config.parse(config),
    event,
    ...(options.credential ? { credential: options.credential } : {}),
    http,
    idempotencyKey: 'evt-1:node-1',
    dryRun,
    signal: new AbortController().signal,
    log: (level, message, fields) => logs.push(JSON.stringify({ level, message, fields })),
  });
  return { ...result, logs };
}

/** Runs a node and returns the error it throws; fails the test when it does not throw. */
export async function runNodeError(
  node: NodeDefinition,
  config: unknown,
  options: RunOptions = {},
): Promise<Error> {
  try {
    await runNode(node, config, options);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`${node.type} did not throw`);
}
