import type { FlowMigration } from './types.js';

interface PrototypeNode {
  id?: unknown;
  type?: unknown;
  position?: unknown;
  data?: {
    label?: unknown;
    config?: unknown;
    credential?: { name?: unknown; type?: unknown };
    retry?: unknown;
  };
}

interface PrototypeEdge {
  id?: unknown;
  source?: unknown;
  target?: unknown;
  sourcePort?: unknown;
  sourceHandle?: unknown;
}

/**
 * Format 0, written by the prototype designer, kept React Flow's old node shape: label, config
 * and an inline `{name, type}` credential under `data`, `sourcePort` on edges, `version: 0` (or no
 * version) at the top, and no `credentials` list. Format 1 lifts `data` onto the node, names the
 * credential, lists credential references once, and renames `sourcePort` to `sourceHandle`.
 */
export const reactFlowDataToNode: FlowMigration = {
  name: 'move React Flow node data onto the node',
  from: 0,
  to: 1,
  migrate(document) {
    const { version: _version, nodes, edges, ...rest } = document;
    const credentials = new Map<string, { name: string; type: string }>();

    const migratedNodes = (Array.isArray(nodes) ? (nodes as PrototypeNode[]) : []).map((node) => {
      const { data, ...nodeRest } = node;
      const credential = data?.credential;
      const migrated: Record<string, unknown> = { ...nodeRest, config: data?.config ?? {} };

      if (data?.label !== undefined) migrated.label = data.label;
      if (data?.retry !== undefined) migrated.retry = data.retry;
      if (typeof credential?.name === 'string') {
        migrated.credential = credential.name;
        if (typeof credential.type === 'string') {
          credentials.set(credential.name, { name: credential.name, type: credential.type });
        }
      }
      return migrated;
    });

    const migratedEdges = (Array.isArray(edges) ? (edges as PrototypeEdge[]) : []).map((edge) => {
      const { sourcePort, ...edgeRest } = edge;
      return { ...edgeRest, sourceHandle: edge.sourceHandle ?? sourcePort ?? 'out' };
    });

    return {
      ...rest,
      formatVersion: 1,
      nodes: migratedNodes,
      edges: migratedEdges,
      credentials: [...credentials.values()],
    };
  },
};
