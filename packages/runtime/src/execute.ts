import type { StepScope } from '@scimflow/flow';
import { getNodeDefinition as catalogueLookup } from '@scimflow/nodes';

import { silentLogger } from './logger.js';
import { edgesFrom, topologicalOrder } from './order.js';
import { Redactor } from './redact.js';
import { runStep } from './step.js';
import type { ExecutionInput, ExecutionResult, StepRecord } from './types.js';

/**
 * Runs one provisioning event through one pinned flow version and journals every step.
 *
 * The walk starts at the trigger and follows, from each step, only the edges that leave the
 * output port the step returned. Steps run one at a time in topological order, and a node runs
 * once, when at least one incoming edge comes from a step that ran and took that edge's port.
 * So a node where branches join runs once, after every upstream step that runs, and reads all
 * their outputs. A node that no taken edge reaches does not run.
 *
 * Steps that the journal records as succeeded are not run again: their journaled output and port
 * are reused, so resuming after a crash continues where the execution stopped. `fromStep` runs
 * that node and everything after it again, and `restart` ignores the journal.
 *
 * NOTE: a reused step's output is the journaled, redacted one, so later expressions that read a
 * secret from an earlier step's output see "[redacted]" after a resume.
 */
export async function runExecution(input: ExecutionInput): Promise<ExecutionResult> {
  const now = input.now ?? Date.now;
  const logger = (input.logger ?? silentLogger).child({ executionId: input.executionId });
  const getNodeDefinition = input.getNodeDefinition ?? catalogueLookup;
  const redactor = new Redactor(input.secrets ?? []);
  const { document } = input;

  const journaled = new Map<string, StepRecord>();
  if (!input.restart) {
    for (const record of await input.journal.loadSteps(input.executionId))
      journaled.set(record.nodeId, record);
  }

  const trigger = document.nodes.find((node) => getNodeDefinition(node.type)?.isTrigger);
  if (!trigger) {
    return {
      executionId: input.executionId,
      status: 'failed',
      steps: [],
      reused: [],
      error: {
        nodeId: '',
        code: 'trigger_missing',
        message: `Flow "${document.name}" has no trigger node, so it cannot run. Add a SCIM trigger and publish again.`,
        retryable: false,
      },
    };
  }

  const nodeById = new Map(document.nodes.map((node) => [node.id, node]));
  const activated = new Set<string>([trigger.id]);
  const steps: Record<string, StepScope> = {};
  const result: ExecutionResult = {
    executionId: input.executionId,
    status: 'succeeded',
    steps: [],
    reused: [],
  };
  let rerun = false;

  for (const nodeId of topologicalOrder(document)) {
    const node = nodeById.get(nodeId);
    if (!node || !activated.has(nodeId)) continue;

    if (input.signal?.aborted) {
      result.status = 'failed';
      result.error = {
        nodeId,
        code: 'execution_aborted',
        message: `Execution ${input.executionId} was stopped before step "${nodeId}". It resumes from that step when it runs again.`,
        retryable: true,
      };
      return result;
    }
    if (nodeId === input.fromStep) rerun = true;

    const previous = journaled.get(nodeId);
    let record: StepRecord;
    let output: unknown;
    let port: string | undefined;

    if (previous?.status === 'succeeded' && !rerun) {
      record = previous;
      output = previous.output;
      port = previous.port;
      result.reused.push(nodeId);
    } else {
      const run = await runStep({ input, node, steps, redactor, logger, now, getNodeDefinition });
      record = run.record;
      output = run.result?.output;
      port = run.result?.port;
    }
    result.steps.push(record);

    if (record.status !== 'succeeded' || port === undefined) {
      result.status = 'failed';
      result.error = record.error;
      logger.warn({ nodeId, code: record.error?.code }, 'execution failed');
      return result;
    }

    steps[nodeId] = { output };
    for (const edge of edgesFrom(document, nodeId, port)) activated.add(edge.target);
  }

  logger.info({ steps: result.steps.length, reused: result.reused.length }, 'execution succeeded');
  return result;
}
