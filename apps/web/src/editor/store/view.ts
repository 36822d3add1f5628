import type { FlowDocument } from '@scimflow/flow';

import type { CanvasEdge, CanvasNode, EditorState } from './types.js';

/**
 * Rebuilds the React Flow nodes from the document, reusing each previous node object whose
 * flow node, selection and measured size are unchanged, so memoized node components skip
 * re-rendering when one node of a large flow changes.
 */
export function buildCanvasNodes(
  previous: readonly CanvasNode[],
  document: FlowDocument,
  selected: ReadonlySet<string>,
  measured: EditorState['measured'],
): CanvasNode[] {
  const byId = new Map(previous.map((node) => [node.id, node]));
  return document.nodes.map((node) => {
    const prior = byId.get(node.id);
    const isSelected = selected.has(node.id);
    const size = measured[node.id];
    if (
      prior &&
      prior.data.node === node &&
      prior.selected === isSelected &&
      prior.measured === size
    )
      return prior;
    return {
      id: node.id,
      type: 'flowNode',
      position: node.position,
      data: { node },
      selected: isSelected,
      measured: size,
    };
  });
}

/** Rebuilds the React Flow edges from the document, reusing unchanged edge objects. */
export function buildCanvasEdges(
  previous: readonly CanvasEdge[],
  document: FlowDocument,
  selected: ReadonlySet<string>,
): CanvasEdge[] {
  const byId = new Map(previous.map((edge) => [edge.id, edge]));
  return document.edges.map((edge) => {
    const prior = byId.get(edge.id);
    const isSelected = selected.has(edge.id);
    if (
      prior &&
      prior.source === edge.source &&
      prior.target === edge.target &&
      prior.sourceHandle === edge.sourceHandle &&
      prior.selected === isSelected
    ) {
      return prior;
    }
    return {
      id: edge.id,
      source: edge.source,
      target: edge.target,
      sourceHandle: edge.sourceHandle,
      selected: isSelected,
      label: edgeLabel(edge.sourceHandle),
    };
  });
}

function edgeLabel(handle: string): string | undefined {
  return handle === 'out' ? undefined : handle;
}
