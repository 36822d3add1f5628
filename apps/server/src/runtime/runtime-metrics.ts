import type { ExecutionResult } from '@scimflow/runtime';
import { executionsTotal, retriesTotal, stepDurationSeconds } from '../metrics/registry.js';

/**
 * Counts one run of an execution in the Prometheus registry: the duration of each step it ran
 * (reused steps are not counted again), each repeated HTTP attempt, and the execution itself
 * when this run was its last one.
 */
export function recordExecutionRun(
  flowId: string,
  result: ExecutionResult,
  finished: boolean,
): void {
  const reused = new Set(result.reused);
  for (const step of result.steps) {
    if (reused.has(step.nodeId)) continue;

    const labels = { node_type: step.nodeType, status: step.status };
    stepDurationSeconds.observe(labels, (step.durationMs ?? 0) / 1000);
    const repeated = step.requests.filter((request) => request.attempt > 1).length;
    if (repeated > 0) retriesTotal.inc({ node_type: step.nodeType }, repeated);
  }

  if (finished) executionsTotal.inc({ flow: flowId, status: result.status });
}
