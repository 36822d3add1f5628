import type { FlowDocument, FlowNode, FlowOperation, KnownCredential } from '@scimflow/flow';
import type { Edge, EdgeChange, Node, NodeChange } from '@xyflow/react';
import type { HostAllowlist } from '@scimflow/nodes';

import type { Execution, Problem, Step } from '../../api/types.js';
import type { Catalogue } from '../../catalogue/catalogue.js';

/** Data of a canvas node: the flow node it draws and the node's output ports, in order. */
export type CanvasNodeData = { node: FlowNode; ports: readonly string[] };
export type CanvasNode = Node<CanvasNodeData, 'flowNode'>;
export type CanvasEdge = Edge;

/** One undo step: what one gesture did, and the operation that undoes it. */
export interface HistoryStep {
  forward: FlowOperation;
  inverse: FlowOperation;
  /** Consecutive commits with the same key within a short window merge into one step. */
  mergeKey?: string;
  at: number;
}

export interface CommitOptions {
  mergeKey?: string;
}

export interface DocumentSlice {
  flowId: string;
  document: FlowDocument;
  catalogue: Catalogue;
  /** Increments on every document change; autosave compares it with `savedRevision`. */
  revision: number;
  savedRevision: number;
  /** Applies an operation as one undo step, unless it merges into the previous step. */
  commit(operation: FlowOperation, options?: CommitOptions): void;
  /** Applies an operation without recording it, for live feedback inside a gesture. */
  applyLive(operation: FlowOperation): void;
  /** Replaces the document, as after loading or restoring a version; clears history. */
  resetDocument(document: FlowDocument): void;
  markSaved(revision: number): void;
}

export interface HistorySlice {
  past: HistoryStep[];
  future: HistoryStep[];
  /** Start positions of the nodes being dragged, while a drag gesture is open. */
  dragStart: Map<string, FlowNode['position']> | null;
  undo(): void;
  redo(): void;
  beginDrag(nodeIds: string[]): void;
  /** Closes the drag gesture and records its moves as one step. */
  endDrag(): void;
}

export interface FocusRequest {
  nodeId: string;
  field?: string;
  /** Changes on every request, so asking twice for the same field focuses it again. */
  nonce: number;
}

export interface SelectionSlice {
  selectedNodeIds: ReadonlySet<string>;
  selectedEdgeIds: ReadonlySet<string>;
  /** The React Flow view of the document, rebuilt so unchanged nodes keep their identity. */
  canvasNodes: CanvasNode[];
  canvasEdges: CanvasEdge[];
  focus: FocusRequest | null;
  onNodesChange(changes: NodeChange<CanvasNode>[]): void;
  onEdgesChange(changes: EdgeChange<CanvasEdge>[]): void;
  selectNodes(nodeIds: string[], field?: string): void;
  clearSelection(): void;
}

export interface ProblemsSlice {
  problems: Problem[];
  /** Error and warning counts per node id, for the badge on each canvas node. */
  problemCounts: Record<string, { errors: number; warnings: number }>;
  /** Credentials in the store, checked by name and type; undefined until loaded. */
  knownCredentials: readonly KnownCredential[] | undefined;
  setKnownCredentials(credentials: readonly KnownCredential[]): void;
  /** The server's host allowlist; undefined while unknown or when any host is allowed. */
  allowedHosts: HostAllowlist | undefined;
  setAllowedHosts(allowedHosts: HostAllowlist | undefined): void;
  /** True between an edit and the validation that follows it. */
  validationPending: boolean;
  /** Validates after a short quiet time; edits in a burst validate once. */
  scheduleRevalidate(): void;
  /** Validates now when an edit is still waiting for validation. */
  flushValidation(): void;
  revalidate(): void;
}

export interface RunSlice {
  sampleId: string | null;
  execution: Execution | null;
  /** The test run's step per node id. */
  runSteps: Record<string, Step>;
  setSample(sampleId: string | null): void;
  setExecution(execution: Execution | null): void;
}

export type EditorState = DocumentSlice & HistorySlice & SelectionSlice & ProblemsSlice & RunSlice;
