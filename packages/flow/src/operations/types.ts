import type { CredentialReference, FlowEdge, FlowNode, RetryOverride } from '../document.js';

/**
 * A typed edit of a flow document. applyOperation applies one and returns its inverse, so the
 * designer's undo applies the inverse and redo applies the operation again.
 */
export type FlowOperation =
  /** Inserts a node at `index` (default: the end). */
  | { type: 'addNode'; node: FlowNode; index?: number }
  /** Removes nodes and every edge that touches them. */
  | { type: 'removeNodes'; nodeIds: string[] }
  | { type: 'moveNodes'; moves: { nodeId: string; position: { x: number; y: number } }[] }
  /** Sets config fields (`set`) and deletes others (`unset`), leaving the rest as they are. */
  | { type: 'updateNodeConfig'; nodeId: string; set?: Record<string, unknown>; unset?: string[] }
  /** Sets the label shown on the canvas; undefined removes it. The node id does not change. */
  | { type: 'renameNode'; nodeId: string; label?: string }
  /** Inserts an edge at `index` (default: the end). */
  | { type: 'connect'; edge: FlowEdge; index?: number }
  | { type: 'disconnect'; edgeIds: string[] }
  /** Sets the credential a node uses, by name; undefined removes it. */
  | { type: 'setCredential'; nodeId: string; credential?: string }
  /** Adds a credential reference to the document's list, at `index` (default: the end). */
  | { type: 'addCredentialReference'; reference: CredentialReference; index?: number }
  | { type: 'removeCredentialReference'; name: string }
  /** Sets a node's retry overrides; undefined removes them. */
  | { type: 'setRetry'; nodeId: string; retry?: RetryOverride }
  | { type: 'updateFlow'; name?: string; description?: string }
  /** Applies operations in order as one undo step. */
  | { type: 'batch'; operations: FlowOperation[] };

export type FlowOperationType = FlowOperation['type'];

/** Result of applyOperation: the new document and the operation that undoes the change. */
export interface AppliedOperation<Document> {
  document: Document;
  inverse: FlowOperation;
}

/** Raised when an operation does not fit the document: an unknown node, a taken id. */
export class OperationError extends Error {
  constructor(
    readonly operation: FlowOperationType,
    message: string,
  ) {
    super(message);
    this.name = 'OperationError';
  }
}
