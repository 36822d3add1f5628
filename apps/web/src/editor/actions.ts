import type { FlowEdge, FlowNode, FlowOperation } from '@scimflow/flow';
import type { Connection } from '@xyflow/react';

import { outputPorts } from '../catalogue/catalogue.js';
import { starterConfig } from '../forms/starterConfig.js';
import type { EditorStore } from './store/createEditorStore.js';

/** Nodes and the edges between them, as copy stores them. */
export interface Clipboard {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

const PASTE_OFFSET = 40;

/** Returns a node id derived from the type that no node in `usedIds` uses, such as `github_invite_2`. */
export function uniqueNodeId(type: string, usedIds: ReadonlySet<string>): string {
  const base = (
    type.replace(/[^A-Za-z0-9_]/g, '_').replace(/^([^A-Za-z_])/, '_$1') || 'node'
  ).slice(0, 56);
  for (let index = 1; ; index += 1) {
    const id = index === 1 ? base : `${base}_${index}`;
    if (!usedIds.has(id)) return id;
  }
}

/** Adds a node of `type` at `position` as one undo step, selects it and returns its id. */
export function addNode(store: EditorStore, type: string, position: FlowNode['position']): string {
  const { document, catalogue, commit, selectNodes } = store.getState();
  const definition = catalogue.get(type);
  const id = uniqueNodeId(type, new Set(document.nodes.map((node) => node.id)));

  const config = definition ? starterConfig(definition.config) : {};

  commit({ type: 'addNode', node: { id, type, position, config } });
  selectNodes([id]);
  return id;
}

/** Deletes the selected nodes and edges, with the edges attached to deleted nodes, as one step. */
export function deleteSelection(store: EditorStore): void {
  const { document, selectedNodeIds, selectedEdgeIds, commit } = store.getState();
  const edges = document.edges.filter(
    (edge) =>
      selectedEdgeIds.has(edge.id) ||
      selectedNodeIds.has(edge.source) ||
      selectedNodeIds.has(edge.target),
  );
  const nodes = document.nodes.filter((node) => selectedNodeIds.has(node.id));

  const operations: FlowOperation[] = [];
  // Removing a node removes its edges too, so only edges between kept nodes are disconnected.
  const looseEdges = edges.filter(
    (edge) => !selectedNodeIds.has(edge.source) && !selectedNodeIds.has(edge.target),
  );
  if (looseEdges.length > 0)
    operations.push({ type: 'disconnect', edgeIds: looseEdges.map((edge) => edge.id) });
  if (nodes.length > 0)
    operations.push({ type: 'removeNodes', nodeIds: nodes.map((node) => node.id) });
  if (operations.length > 0) commit({ type: 'batch', operations });
}

/** Copies the selected nodes and the edges between them. */
export function copySelection(store: EditorStore): Clipboard | null {
  const { document, selectedNodeIds } = store.getState();
  const nodes = document.nodes.filter((node) => selectedNodeIds.has(node.id));
  if (nodes.length === 0) return null;

  const edges = document.edges.filter(
    (edge) => selectedNodeIds.has(edge.source) && selectedNodeIds.has(edge.target),
  );
  return { nodes, edges };
}

/** Pastes copied nodes with fresh ids, offset from the originals, as one step, and selects them. */
export function paste(store: EditorStore, clipboard: Clipboard): void {
  const { document, commit, selectNodes } = store.getState();
  const usedIds = new Set(document.nodes.map((node) => node.id));
  const renamed = new Map<string, string>();

  const nodes = clipboard.nodes.map((node) => {
    const id = uniqueNodeId(node.type, usedIds);
    usedIds.add(id);
    renamed.set(node.id, id);
    return {
      ...node,
      id,
      position: { x: node.position.x + PASTE_OFFSET, y: node.position.y + PASTE_OFFSET },
    };
  });
  const edges = clipboard.edges.map((edge) => {
    const source = renamed.get(edge.source) as string;
    const target = renamed.get(edge.target) as string;
    return { ...edge, id: edgeId(source, edge.sourceHandle, target), source, target };
  });

  commit({
    type: 'batch',
    operations: [
      ...nodes.map((node): FlowOperation => ({ type: 'addNode', node })),
      ...edges.map((edge): FlowOperation => ({ type: 'connect', edge })),
    ],
  });
  selectNodes(nodes.map((node) => node.id));
}

/** Returns the id of the edge from a source node's port to a target node. */
export function edgeId(source: string, sourceHandle: string, target: string): string {
  return `${source}.${sourceHandle}->${target}`;
}

/**
 * Returns why a connection is refused, or null when it is allowed: no self-loops, nothing
 * into a trigger, existing ports only, no duplicates, and no edge that closes a cycle.
 */
export function connectionProblem(
  store: EditorStore,
  connection: Pick<Connection, 'source' | 'target' | 'sourceHandle'>,
): string | null {
  const { document, catalogue } = store.getState();
  const { source, target } = connection;
  const handle = connection.sourceHandle ?? 'out';

  if (source === target) return 'A node cannot connect to itself.';
  const sourceNode = document.nodes.find((node) => node.id === source);
  const targetNode = document.nodes.find((node) => node.id === target);
  if (!sourceNode || !targetNode) return 'Both ends of a connection must be nodes of this flow.';
  if (catalogue.get(targetNode.type)?.isTrigger) return 'A trigger has no input.';

  const definition = catalogue.get(sourceNode.type);
  if (definition && !outputPorts(definition, sourceNode.config).includes(handle))
    return `Output "${handle}" does not exist on this node.`;
  if (
    document.edges.some(
      (edge) => edge.source === source && edge.target === target && edge.sourceHandle === handle,
    )
  )
    return 'These nodes are already connected.';
  if (reaches(document.edges, target, source)) return 'This connection would make a loop.';
  return null;
}

/** Connects two nodes as one step when the connection is allowed. */
export function connect(store: EditorStore, connection: Connection): void {
  if (connectionProblem(store, connection)) return;
  const sourceHandle = connection.sourceHandle ?? 'out';
  const edge: FlowEdge = {
    id: edgeId(connection.source, sourceHandle, connection.target),
    source: connection.source,
    sourceHandle,
    target: connection.target,
  };
  store.getState().commit({ type: 'connect', edge });
}

/**
 * Sets one config field of a node; `undefined` removes it. Typing into one field merges into
 * one undo step per burst, so undo restores the field as it was before the user started typing.
 */
export function setConfigField(
  store: EditorStore,
  nodeId: string,
  field: string,
  value: unknown,
): void {
  const operation: FlowOperation =
    value === undefined
      ? { type: 'updateNodeConfig', nodeId, unset: [field] }
      : { type: 'updateNodeConfig', nodeId, set: { [field]: value } };
  store.getState().commit(operation, { mergeKey: `${nodeId}:config.${field}` });
}

/** Sets the label shown on the canvas; an empty label shows the node type's label. */
export function setNodeLabel(store: EditorStore, nodeId: string, label: string): void {
  store
    .getState()
    .commit(
      { type: 'renameNode', nodeId, label: label || undefined },
      { mergeKey: `${nodeId}:label` },
    );
}

/**
 * Sets the credential a node uses, by name, and adds the credential to the document's
 * references so exports carry its name and type.
 */
export function setNodeCredential(
  store: EditorStore,
  nodeId: string,
  credential: { name: string; type: string } | undefined,
): void {
  const { document, commit } = store.getState();
  const operations: FlowOperation[] = [
    { type: 'setCredential', nodeId, credential: credential?.name },
  ];
  if (credential && !document.credentials.some((reference) => reference.name === credential.name)) {
    operations.push({ type: 'addCredentialReference', reference: credential });
  }
  commit({ type: 'batch', operations });
}

function reaches(edges: readonly FlowEdge[], from: string, to: string): boolean {
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length > 0) {
    const current = queue.pop() as string;
    if (current === to) return true;
    for (const edge of edges) {
      if (edge.source !== current || seen.has(edge.target)) continue;
      seen.add(edge.target);
      queue.push(edge.target);
    }
  }
  return false;
}
