import type { FlowDocument, FlowNode } from '@scimflow/flow';

import { outputPorts, type Catalogue } from '../../catalogue/catalogue.js';
import { NODE_HEIGHT, NODE_WIDTH, nodeHandles } from '../nodeGeometry.js';
import type { CanvasEdge, CanvasNode } from './types.js';

const NODE_SIZE = { width: NODE_WIDTH, height: NODE_HEIGHT };

/**
 * Rebuilds the React Flow nodes from the document, reusing each previous node object whose
 * flow node and selection are unchanged, so memoized node components skip re-rendering when
 * one node of a large flow changes. Each node carries its size and handles, so React Flow
 * draws it and its edges without measuring it first.
 */
export function buildCanvasNodes(
  previous: readonly CanvasNode[],
  document: FlowDocument,
  selected: ReadonlySet<string>,
  catalogue: Catalogue,
): CanvasNode[] {
  const byId = new Map(previous.map((node) => [node.id, node]));
  return document.nodes.map((node) => {
    const prior = byId.get(node.id);
    const isSelected = selected.has(node.id);
    if (prior && prior.data.node === node && prior.selected === isSelected) return prior;
    if (prior && prior.data.node === node) return { ...prior, selected: isSelected };
    return canvasNode(node, isSelected, catalogue);
  });
}

function canvasNode(node: FlowNode, selected: boolean, catalogue: Catalogue): CanvasNode {
  const definition = catalogue.get(node.type);
  const ports = definition ? outputPorts(definition, node.config) : ['out'];
  return {
    id: node.id,
    type: 'flowNode',
    position: node.position,
    data: { node, ports },
    selected,
    ...NODE_SIZE,
    measured: NODE_SIZE,
    handles: nodeHandles(ports, !definition?.isTrigger),
  };
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
      type: 'flowEdge',
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
