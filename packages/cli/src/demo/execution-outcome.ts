import type { AdminClient } from '../admin-client.js';

/** The fields of `GET /api/executions` items that the outcome report reads. */
interface ExecutionSummary {
  id: string;
  flowName: string;
  eventType: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  attempts: number;
  error?: string;
  failedNodeId?: string;
  resource: { id: string; display: string | null };
}

/** Options of `waitForExecutions`. Times are in milliseconds. */
export interface SettleOptions {
  /** Only executions queued at or after this time count, such as the start of a replay. */
  since: Date;
  /** How long the executions must stay unchanged before they count as settled. */
  quietMs?: number;
  /** When to stop waiting and report what has run so far. */
  timeoutMs?: number;
}

/** The executions after a replay, grouped by how they ended. */
export interface ExecutionOutcome {
  succeeded: ExecutionSummary[];
  /** Failed for good, or failed and queued for an automatic retry. */
  failed: ExecutionSummary[];
  /** Queued for their first run or running when the wait timed out. */
  pending: ExecutionSummary[];
}

/**
 * Polls the executions queued since `since` until none is running or waiting for its first
 * run, and the list has not changed for `quietMs`. The quiet period covers events that the
 * dispatcher has not turned into executions yet.
 * A failed execution that waits for an automatic retry counts as settled, so a demo with a
 * failing connector reports it at once instead of after every retry.
 */
export async function waitForExecutions(
  client: AdminClient,
  options: SettleOptions,
): Promise<ExecutionOutcome> {
  const quietMs = options.quietMs ?? 2_000;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  const path = `/executions?limit=500&since=${encodeURIComponent(options.since.toISOString())}`;

  let previous = '';
  let unchangedSince = Date.now();
  for (;;) {
    const { items } = await client.request<{ items: ExecutionSummary[] }>('GET', path);
    const outcome = groupByOutcome(items);

    const snapshot = items.map((execution) => `${execution.id}:${execution.status}`).join(',');
    if (snapshot !== previous) {
      previous = snapshot;
      unchangedSince = Date.now();
    }
    const quiet = Date.now() - unchangedSince >= quietMs;
    if ((outcome.pending.length === 0 && quiet) || Date.now() >= deadline) return outcome;

    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function groupByOutcome(executions: ExecutionSummary[]): ExecutionOutcome {
  const outcome: ExecutionOutcome = { succeeded: [], failed: [], pending: [] };
  for (const execution of executions) {
    if (execution.status === 'succeeded') outcome.succeeded.push(execution);
    else if (execution.status === 'failed' || waitsForRetry(execution))
      outcome.failed.push(execution);
    else outcome.pending.push(execution);
  }
  return outcome;
}

/** Returns whether a queued execution has run before, so it waits for an automatic retry. */
function waitsForRetry(execution: ExecutionSummary): boolean {
  return execution.status === 'queued' && execution.attempts > 0;
}

/**
 * Describes the outcome in lines for the console: the counts, then each failed execution with
 * its flow, resource, failed node and error, and the designer address that opens it.
 */
export function describeOutcome(outcome: ExecutionOutcome, appUrl: string): string[] {
  const { succeeded, failed, pending } = outcome;
  const executions = succeeded.length === 1 ? 'execution' : 'executions';
  const counts = `${succeeded.length} ${executions} succeeded, ${failed.length} failed`;
  const lines = [pending.length > 0 ? `${counts}, ${pending.length} still running` : counts];

  for (const execution of failed) {
    const resource = execution.resource.display ?? execution.resource.id;
    const node = execution.failedNodeId ? ` at node ${execution.failedNodeId}` : '';
    const retry = execution.status === 'queued' ? ' (an automatic retry is queued)' : '';
    lines.push(
      `  "${execution.flowName}" for ${execution.eventType} ${resource} failed${node}${retry}: ${execution.error ?? 'no error recorded'}`,
      `    open it in the designer: ${appUrl}/#/executions/${execution.id}`,
    );
  }
  if (pending.length > 0) {
    lines.push(`  Executions still running are listed at ${appUrl}/#/executions`);
  }
  return lines;
}
