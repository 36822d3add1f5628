import type { FlowDocument, FlowNode } from '../document.js';
import { OperationError, type AppliedOperation, type FlowOperation } from './types.js';

/**
 * Applies one operation to a flow document and returns the new document with the inverse
 * operation. Pure: the input document is never changed, and unchanged nodes and edges keep their
 * identity, which lets memoized canvas nodes skip re-rendering. Applying the inverse to the result
 * gives back a document equal to the input. Throws OperationError when the operation names a node
 * or edge that does not exist, or adds an id that is taken.
 */
export function applyOperation(
  document: FlowDocument,
  operation: FlowOperation,
): AppliedOperation<FlowDocument> {
  switch (operation.type) {
    case 'addNode': {
      if (document.nodes.some((node) => node.id === operation.node.id)) {
        throw new OperationError(
          'addNode',
          `Node id "${operation.node.id}" is taken. Choose another id.`,
        );
      }
      const nodes = insertAt(document.nodes, operation.node, operation.index);
      return {
        document: { ...document, nodes },
        inverse: { type: 'removeNodes', nodeIds: [operation.node.id] },
      };
    }

    case 'removeNodes': {
      const removing = new Set(operation.nodeIds);
      for (const nodeId of removing) findNode(document, nodeId, 'removeNodes');

      const restoreNodes: FlowOperation[] = [];
      document.nodes.forEach((node, index) => {
        if (removing.has(node.id)) restoreNodes.push({ type: 'addNode', node, index });
      });
      const restoreEdges: FlowOperation[] = [];
      document.edges.forEach((edge, index) => {
        if (removing.has(edge.source) || removing.has(edge.target)) {
          restoreEdges.push({ type: 'connect', edge, index });
        }
      });

      return {
        document: {
          ...document,
          nodes: document.nodes.filter((node) => !removing.has(node.id)),
          edges: document.edges.filter(
            (edge) => !removing.has(edge.source) && !removing.has(edge.target),
          ),
        },
        // Ascending indexes restore each item to its old place, nodes before the edges that need them.
        inverse: { type: 'batch', operations: [...restoreNodes, ...restoreEdges] },
      };
    }

    case 'moveNodes': {
      const previous = operation.moves.map((move) => ({
        nodeId: move.nodeId,
        position: findNode(document, move.nodeId, 'moveNodes').position,
      }));
      const positions = new Map(operation.moves.map((move) => [move.nodeId, move.position]));
      return {
        document: {
          ...document,
          nodes: document.nodes.map((node) => {
            const position = positions.get(node.id);
            return position ? { ...node, position } : node;
          }),
        },
        inverse: { type: 'moveNodes', moves: previous },
      };
    }

    case 'updateNodeConfig': {
      const node = findNode(document, operation.nodeId, 'updateNodeConfig');
      const changed = [...Object.keys(operation.set ?? {}), ...(operation.unset ?? [])];
      const restore: Record<string, unknown> = {};
      const remove: string[] = [];
      for (const key of changed) {
        if (Object.hasOwn(node.config, key)) restore[key] = node.config[key];
        else remove.push(key);
      }

      const config = { ...node.config, ...operation.set };
      for (const key of operation.unset ?? []) delete config[key];
      return {
        document: replaceNode(document, { ...node, config }),
        inverse: { type: 'updateNodeConfig', nodeId: node.id, set: restore, unset: remove },
      };
    }

    case 'renameNode': {
      const node = findNode(document, operation.nodeId, 'renameNode');
      return {
        document: replaceNode(document, withOptional(node, 'label', operation.label)),
        inverse: { type: 'renameNode', nodeId: node.id, label: node.label },
      };
    }

    case 'connect': {
      if (document.edges.some((edge) => edge.id === operation.edge.id)) {
        throw new OperationError(
          'connect',
          `Edge id "${operation.edge.id}" is taken. Choose another id.`,
        );
      }
      return {
        document: { ...document, edges: insertAt(document.edges, operation.edge, operation.index) },
        inverse: { type: 'disconnect', edgeIds: [operation.edge.id] },
      };
    }

    case 'disconnect': {
      const removing = new Set(operation.edgeIds);
      for (const edgeId of removing) {
        if (!document.edges.some((edge) => edge.id === edgeId)) {
          throw new OperationError('disconnect', `Edge "${edgeId}" does not exist in this flow.`);
        }
      }
      const restore: FlowOperation[] = [];
      document.edges.forEach((edge, index) => {
        if (removing.has(edge.id)) restore.push({ type: 'connect', edge, index });
      });
      return {
        document: { ...document, edges: document.edges.filter((edge) => !removing.has(edge.id)) },
        inverse: { type: 'batch', operations: restore },
      };
    }

    case 'setCredential': {
      const node = findNode(document, operation.nodeId, 'setCredential');
      return {
        document: replaceNode(document, withOptional(node, 'credential', operation.credential)),
        inverse: { type: 'setCredential', nodeId: node.id, credential: node.credential },
      };
    }

    case 'addCredentialReference': {
      const { reference } = operation;
      if (document.credentials.some((existing) => existing.name === reference.name)) {
        throw new OperationError(
          'addCredentialReference',
          `Credential "${reference.name}" is already listed in this flow.`,
        );
      }
      return {
        document: {
          ...document,
          credentials: insertAt(document.credentials, reference, operation.index),
        },
        inverse: { type: 'removeCredentialReference', name: reference.name },
      };
    }

    case 'removeCredentialReference': {
      const index = document.credentials.findIndex((existing) => existing.name === operation.name);
      const reference = document.credentials[index];
      if (!reference) {
        throw new OperationError(
          'removeCredentialReference',
          `Credential "${operation.name}" is not listed in this flow.`,
        );
      }
      return {
        document: {
          ...document,
          credentials: document.credentials.filter((_, at) => at !== index),
        },
        inverse: { type: 'addCredentialReference', reference, index },
      };
    }

    case 'setRetry': {
      const node = findNode(document, operation.nodeId, 'setRetry');
      return {
        document: replaceNode(document, withOptional(node, 'retry', operation.retry)),
        inverse: { type: 'setRetry', nodeId: node.id, retry: node.retry },
      };
    }

    case 'updateFlow': {
      const next = { ...document };
      const inverse: FlowOperation = { type: 'updateFlow' };
      if (operation.name !== undefined) {
        next.name = operation.name;
        inverse.name = document.name;
      }
      if (operation.description !== undefined) {
        next.description = operation.description;
        inverse.description = document.description;
      }
      return { document: next, inverse };
    }

    case 'batch': {
      let current = document;
      const inverses: FlowOperation[] = [];
      for (const step of operation.operations) {
        const applied = applyOperation(current, step);
        current = applied.document;
        inverses.unshift(applied.inverse);
      }
      return { document: current, inverse: { type: 'batch', operations: inverses } };
    }
  }
}

function findNode(
  document: FlowDocument,
  nodeId: string,
  operation: FlowOperation['type'],
): FlowNode {
  const node = document.nodes.find((candidate) => candidate.id === nodeId);
  if (!node) throw new OperationError(operation, `Node "${nodeId}" does not exist in this flow.`);
  return node;
}

function replaceNode(document: FlowDocument, replacement: FlowNode): FlowDocument {
  return {
    ...document,
    nodes: document.nodes.map((node) => (node.id === replacement.id ? replacement : node)),
  };
}

/** Returns a copy of the node with the key set, or without the key when the value is undefined. */
function withOptional<Key extends 'label' | 'credential' | 'retry'>(
  node: FlowNode,
  key: Key,
  value: FlowNode[Key],
): FlowNode {
  const copy = { ...node };
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy;
}

function insertAt<Item>(items: readonly Item[], item: Item, index = items.length): Item[] {
  const copy = [...items];
  copy.splice(Math.max(0, Math.min(index, copy.length)), 0, item);
  return copy;
}
