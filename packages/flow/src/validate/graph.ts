import type { FlowDocument } from '../document.js';
import type { FlowProblem } from '../problems.js';

/**
 * Finds edges that close a cycle, by depth-first search over the edges between existing nodes.
 * Reports each such edge once; a self-loop is a cycle of one edge.
 */
export function findCycles(document: FlowDocument): FlowProblem[] {
  const nodeIds = new Set(document.nodes.map((node) => node.id));
  const outgoing = new Map<string, { edgeId: string; target: string }[]>();
  for (const edge of document.edges) {
    if (!nodeIds.has(edge.source) || !nodeIds.has(edge.target)) continue;
    const list = outgoing.get(edge.source) ?? [];
    list.push({ edgeId: edge.id, target: edge.target });
    outgoing.set(edge.source, list);
  }

  const state = new Map<string, 'open' | 'done'>();
  const problems: FlowProblem[] = [];

  // Iterative DFS, so a long chain of nodes cannot overflow the call stack.
  for (const root of nodeIds) {
    if (state.has(root)) continue;
    const stack: { nodeId: string; next: number }[] = [{ nodeId: root, next: 0 }];
    state.set(root, 'open');

    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const edges = outgoing.get(frame.nodeId) ?? [];
      const edge = edges[frame.next++];
      if (!edge) {
        state.set(frame.nodeId, 'done');
        stack.pop();
        continue;
      }

      const targetState = state.get(edge.target);
      if (targetState === 'open') {
        problems.push({
          code: 'cycle',
          severity: 'error',
          edgeId: edge.edgeId,
          nodeId: edge.target,
          message: `Edge "${edge.edgeId}" from "${frame.nodeId}" back to "${edge.target}" closes a cycle. Flows run each node at most once, so remove this edge.`,
        });
      } else if (targetState === undefined) {
        state.set(edge.target, 'open');
        stack.push({ nodeId: edge.target, next: 0 });
      }
    }
  }
  return problems;
}

/** Node ids that edges lead to (`outgoing`) or come from (`incoming`), per node id. */
export type Adjacency = ReadonlyMap<string, readonly string[]>;

/** Builds the adjacency of every edge, forward by source (`outgoing`) and backward by target. */
export function adjacency(document: FlowDocument): { outgoing: Adjacency; incoming: Adjacency } {
  const outgoing = new Map<string, string[]>();
  const incoming = new Map<string, string[]>();
  for (const edge of document.edges) {
    const targets = outgoing.get(edge.source);
    if (targets) targets.push(edge.target);
    else outgoing.set(edge.source, [edge.target]);

    const sources = incoming.get(edge.target);
    if (sources) sources.push(edge.source);
    else incoming.set(edge.target, [edge.source]);
  }
  return { outgoing, incoming };
}

/**
 * Returns the ids of the nodes that some path through `next` reaches from the start nodes,
 * the start nodes included. Each node and edge is visited once, so a 1,000-node flow does not
 * cost a scan of every edge per node.
 */
export function reachableFrom(next: Adjacency, startIds: readonly string[]): Set<string> {
  const reached = new Set<string>(startIds);
  const queue = [...startIds];

  for (let index = 0; index < queue.length; index += 1) {
    for (const neighbour of next.get(queue[index]!) ?? []) {
      if (reached.has(neighbour)) continue;
      reached.add(neighbour);
      queue.push(neighbour);
    }
  }
  return reached;
}
