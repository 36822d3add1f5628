import type { FlowNode } from '../document.js';
import { collectExpressionFields, findExpressionValues } from '../expressions/fields.js';
import { parseTemplate } from '../expressions/template.js';
import type { FlowProblem } from '../problems.js';
import type { NodeTypeInfo } from './context.js';
import type { Adjacency } from './graph.js';

/** Facts about the whole flow that the step reference check reads, built once per validation. */
export interface FlowGraph {
  nodeIds: ReadonlySet<string>;
  incoming: Adjacency;
}

/** `steps.<nodeId>` in an expression; node ids are JSONata names, so no quoting is needed. */
const STEP_REFERENCE = /\bsteps\.([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Warns about expressions that read `steps.<id>.output` of a node that does not exist or that
 * does not run before this node (it is not upstream), where the output is always empty. The
 * check reads the expression text, so a reference inside a string literal is checked too.
 */
export function checkStepReferences(
  graph: FlowGraph,
  node: FlowNode,
  nodeType: NodeTypeInfo,
): FlowProblem[] {
  const problems: FlowProblem[] = [];
  let upstream: Set<string> | undefined;

  for (const value of findExpressionValues(node.config, collectExpressionFields(nodeType.config))) {
    const field = `config.${value.path}`;

    for (const referenced of referencedSteps(value.kind, value.source)) {
      if (!graph.nodeIds.has(referenced)) {
        problems.push({
          code: 'step_reference_unknown',
          severity: 'warning',
          nodeId: node.id,
          field,
          message: `Node "${node.id}" field "${field}" reads steps.${referenced}, but no node has id "${referenced}". Correct the node id.`,
        });
        continue;
      }

      upstream ??= upstreamOf(graph, node.id);
      if (upstream.has(referenced)) continue;
      problems.push({
        code: 'step_reference_not_upstream',
        severity: 'warning',
        nodeId: node.id,
        field,
        message: `Node "${node.id}" field "${field}" reads steps.${referenced}, but "${referenced}" does not run before this node, so its output is empty here. Connect "${referenced}" upstream of "${node.id}".`,
      });
    }
  }
  return problems;
}

function referencedSteps(kind: 'template' | 'expression', source: string): Set<string> {
  let sources = [source];
  if (kind === 'template') {
    try {
      sources = parseTemplate(source).parts.flatMap((part) =>
        part.kind === 'expression' ? [part.source] : [],
      );
    } catch {
      // An unclosed template is reported as expression_invalid; it has no references to check.
      return new Set();
    }
  }

  const ids = new Set<string>();
  for (const text of sources) {
    for (const match of text.matchAll(STEP_REFERENCE)) ids.add(match[1]!);
  }
  return ids;
}

/**
 * Returns the ids of every node from which some path of edges leads to the given node. The node
 * itself is included only when a cycle leads back to it.
 */
function upstreamOf(graph: FlowGraph, nodeId: string): Set<string> {
  const found = new Set<string>();
  const queue = [nodeId];

  for (let index = 0; index < queue.length; index += 1) {
    for (const source of graph.incoming.get(queue[index]!) ?? []) {
      if (found.has(source)) continue;
      found.add(source);
      queue.push(source);
    }
  }
  return found;
}
