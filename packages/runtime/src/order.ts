import type { FlowDocument, FlowEdge } from '@scimflow/flow';

/**
 * Returns the node ids in topological order (Kahn's algorithm), breaking ties by the document's
 * node order so that every walk of a version runs steps in the same order. Throws when the edges
 * form a cycle, which validateFlow rejects before publishing.
 */
export function topologicalOrder(document: FlowDocument): string[] {
  const position = new Map(document.nodes.map((node, index) => [node.id, index]));
  const incoming = new Map<string, number>(document.nodes.map((node) => [node.id, 0]));
  for (const edge of document.edges) {
    if (position.has(edge.source) && incoming.has(edge.target)) {
      incoming.set(edge.target, (incoming.get(edge.target) ?? 0) + 1);
    }
  }

  const ready = document.nodes.filter((node) => incoming.get(node.id) === 0).map((node) => node.id);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort((left, right) => (position.get(left) ?? 0) - (position.get(right) ?? 0));
    const nodeId = ready.shift()!;
    order.push(nodeId);

    for (const edge of document.edges) {
      if (edge.source !== nodeId || !incoming.has(edge.target)) continue;
      const remaining = (incoming.get(edge.target) ?? 0) - 1;
      incoming.set(edge.target, remaining);
      if (remaining === 0) ready.push(edge.target);
    }
  }

  if (order.length < document.nodes.length) {
    throw new Error(
      `Flow "${document.name}" has a cycle, so it cannot run. Validate the flow and remove the edge that closes the cycle.`,
    );
  }
  return order;
}

/** Returns the edges that leave a node from one output port. */
export function edgesFrom(document: FlowDocument, nodeId: string, port: string): FlowEdge[] {
  return document.edges.filter((edge) => edge.source === nodeId && edge.sourceHandle === port);
}
