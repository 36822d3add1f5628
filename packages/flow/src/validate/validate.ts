import type { FlowDocument, FlowNode } from '../document.js';
import type { FlowProblem } from '../problems.js';
import type { NodeTypeInfo, ValidationContext } from './context.js';
import { checkEdges } from './edges.js';
import { adjacency, findCycles, reachableFrom } from './graph.js';
import { checkConfig, checkCredential, checkExpressions, outputsOf } from './nodes.js';
import { checkStepReferences, type FlowGraph } from './references.js';

/**
 * Validates a flow document and returns every problem found, located at a node, an edge and/or a
 * config field. It checks that node ids are unique, node types are known and there is exactly one
 * trigger. It checks that each config fits its schema, templates and expressions parse, and
 * credentials exist and fit. Edges must join existing nodes through existing ports without a
 * cycle. Nodes that the trigger does not reach, and expressions that read
 * `steps.<id>` of a node that is not upstream, are warnings. Pass the problems to canPublish.
 */
export function validateFlow(document: FlowDocument, context: ValidationContext): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const credentials = context.credentials ?? document.credentials;
  const typeById = new Map<string, NodeTypeInfo>();
  const nodeById = new Map<string, FlowNode>();
  const { outgoing, incoming } = adjacency(document);
  const graph: FlowGraph = { nodeIds: new Set(document.nodes.map((node) => node.id)), incoming };

  for (const node of document.nodes) {
    if (nodeById.has(node.id)) {
      problems.push({
        code: 'node_id_duplicate',
        severity: 'error',
        nodeId: node.id,
        message: `Node id "${node.id}" is used by more than one node. Give each node its own id.`,
      });
      continue;
    }
    nodeById.set(node.id, node);

    const nodeType = context.getNodeType(node.type);
    if (!nodeType) {
      problems.push({
        code: 'node_type_unknown',
        severity: 'error',
        nodeId: node.id,
        field: 'type',
        message: `Node "${node.id}" has type "${node.type}", which this server does not know. Replace the node with one from the palette.`,
      });
      continue;
    }
    typeById.set(node.id, nodeType);

    problems.push(...checkConfig(node, nodeType));
    problems.push(...checkExpressions(node, nodeType));
    problems.push(...checkStepReferences(graph, node, nodeType));
    problems.push(...checkCredential(node, nodeType, credentials));
  }

  const triggers = [...typeById].filter(([, nodeType]) => nodeType.isTrigger).map(([id]) => id);
  problems.push(...checkTriggerCount(triggers));

  problems.push(
    ...checkEdges(
      document,
      (nodeId) => {
        const node = nodeById.get(nodeId);
        const nodeType = typeById.get(nodeId);
        return node && nodeType ? outputsOf(node, nodeType) : undefined;
      },
      (nodeId) => typeById.get(nodeId)?.isTrigger === true,
    ),
  );
  problems.push(...findCycles(document));

  if (triggers.length === 1) {
    const reached = reachableFrom(outgoing, triggers);
    for (const node of nodeById.values()) {
      if (reached.has(node.id)) continue;
      problems.push({
        code: 'node_unreachable',
        severity: 'warning',
        nodeId: node.id,
        message: `Node "${node.id}" is not connected to the trigger, so it never runs. Connect it or remove it.`,
      });
    }
  }
  return problems;
}

function checkTriggerCount(triggers: string[]): FlowProblem[] {
  if (triggers.length === 1) return [];
  if (triggers.length === 0) {
    return [
      {
        code: 'trigger_missing',
        severity: 'error',
        message: 'The flow has no trigger. Add a SCIM trigger node to start the flow.',
      },
    ];
  }
  return triggers.slice(1).map((nodeId) => ({
    code: 'trigger_multiple' as const,
    severity: 'error' as const,
    nodeId,
    message: `The flow has ${triggers.length} triggers (${triggers.join(', ')}), but runs from exactly one. Remove trigger "${nodeId}".`,
  }));
}
