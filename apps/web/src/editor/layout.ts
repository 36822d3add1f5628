import type { FlowDocument, FlowOperation } from '@scimflow/flow';
import type { ELK } from 'elkjs/lib/elk-api.js';

import { NODE_HEIGHT, NODE_WIDTH } from './nodeGeometry.js';

// elkjs is large, so it loads on the first layout instead of with the editor.
let elk: Promise<ELK> | undefined;
function loadElk() {
  elk ??= import('elkjs/lib/elk.bundled.js').then(({ default: ELK }) => new ELK());
  return elk;
}

/**
 * Lays the flow out top to bottom with ELK's layered algorithm and returns the moves that
 * place each node, as one operation for one undo step.
 */
export async function layoutOperation(document: FlowDocument): Promise<FlowOperation> {
  const graph = await (
    await loadElk()
  ).layout({
    id: 'flow',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '60',
      'elk.spacing.nodeNode': '40',
    },
    children: document.nodes.map((node) => ({
      id: node.id,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
    })),
    edges: document.edges.map((edge) => ({
      id: edge.id,
      sources: [edge.source],
      targets: [edge.target],
    })),
  });

  const moves: { nodeId: string; position: { x: number; y: number } }[] = [];
  for (const child of graph.children ?? []) {
    const node = document.nodes.find((candidate) => candidate.id === child.id);
    if (!node) continue;
    const to = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
    if (to.x === node.position.x && to.y === node.position.y) continue;
    moves.push({ nodeId: node.id, position: to });
  }
  return { type: 'moveNodes', moves };
}
