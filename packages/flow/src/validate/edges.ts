import type { FlowDocument } from '../document.js';
import type { FlowProblem } from '../problems.js';

/**
 * Checks each edge: a unique id, existing source and target nodes, a source port among the
 * source node's outputs, and a target that is not a trigger. `outputsOf` returns undefined when a
 * node's ports are unknown (unknown type or invalid config), which skips the port check.
 */
export function checkEdges(
  document: FlowDocument,
  outputsOf: (nodeId: string) => readonly string[] | undefined,
  isTrigger: (nodeId: string) => boolean,
): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const nodeIds = new Set(document.nodes.map((node) => node.id));
  const edgeIds = new Set<string>();

  for (const edge of document.edges) {
    const located = { edgeId: edge.id, severity: 'error' as const };

    if (edgeIds.has(edge.id)) {
      problems.push({
        ...located,
        code: 'edge_id_duplicate',
        message: `Edge id "${edge.id}" is used more than once. Give each edge its own id.`,
      });
    }
    edgeIds.add(edge.id);

    if (!nodeIds.has(edge.source)) {
      problems.push({
        ...located,
        code: 'edge_source_missing',
        message: `Edge "${edge.id}" starts at node "${edge.source}", which does not exist. Remove the edge or add the node.`,
      });
    }
    if (!nodeIds.has(edge.target)) {
      problems.push({
        ...located,
        code: 'edge_target_missing',
        message: `Edge "${edge.id}" ends at node "${edge.target}", which does not exist. Remove the edge or add the node.`,
      });
    }
    if (!nodeIds.has(edge.source) || !nodeIds.has(edge.target)) continue;

    const ports = outputsOf(edge.source);
    if (ports && !ports.includes(edge.sourceHandle)) {
      problems.push({
        ...located,
        nodeId: edge.source,
        code: 'edge_port_unknown',
        message: `Edge "${edge.id}" leaves node "${edge.source}" from port "${edge.sourceHandle}", but that node's ports are ${ports.map((port) => `"${port}"`).join(', ') || 'none'}. Connect the edge to one of them.`,
      });
    }
    if (isTrigger(edge.target)) {
      problems.push({
        ...located,
        nodeId: edge.target,
        code: 'edge_target_trigger',
        message: `Edge "${edge.id}" ends at trigger "${edge.target}", but a trigger has no input. Connect the edge to another node.`,
      });
    }
  }
  return problems;
}
