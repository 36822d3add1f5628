import type { FlowProblem } from '@scimflow/flow';

/** Formats a located problem as one line: severity, where, message. */
export function formatProblem(problem: FlowProblem): string {
  const where = [
    problem.nodeId && `node ${problem.nodeId}`,
    problem.edgeId && `edge ${problem.edgeId}`,
    problem.field && `field ${problem.field}`,
  ]
    .filter(Boolean)
    .join(', ');
  return `${problem.severity}${where ? ` [${where}]` : ''}: ${problem.message}`;
}
