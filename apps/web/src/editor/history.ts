import { applyOperation, type FlowDocument, type FlowOperation } from '@scimflow/flow';

/** True when the operation changes only positions, which validation and runs ignore. */
export function isLayoutOnly(operation: FlowOperation): boolean {
  if (operation.type === 'moveNodes') return true;
  if (operation.type === 'batch') return operation.operations.every(isLayoutOnly);
  return false;
}

/** Applies an operation and returns the document with the inverse, as `applyOperation` does. */
export function apply(
  document: FlowDocument,
  operation: FlowOperation,
): { document: FlowDocument; inverse: FlowOperation } {
  return applyOperation(document, operation);
}

/** Combines two operations into one batch, flattening nested batches. */
export function batch(first: FlowOperation, second: FlowOperation): FlowOperation {
  const parts = (operation: FlowOperation) =>
    operation.type === 'batch' ? operation.operations : [operation];
  return { type: 'batch', operations: [...parts(first), ...parts(second)] };
}
