import type { FlowProblem } from '@scimflow/flow';
import { AdminError } from '../admin/admin-errors.js';
import { FlowNameTakenError, type FlowRow, type FlowStore } from './flow-store.js';

/** Returns the flow with `id`, or throws a 404 `flow_not_found`. */
export async function loadFlow(flows: FlowStore, id: string): Promise<FlowRow> {
  const flow = await flows.find(id);
  if (flow) return flow;

  throw new AdminError(
    404,
    'flow_not_found',
    `No flow with id "${id}". List flows with GET /api/flows.`,
  );
}

/** Runs a store write and turns FlowNameTakenError into a 409 `flow_name_taken`. */
export async function withNameCheck<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof FlowNameTakenError)
      throw new AdminError(409, 'flow_name_taken', error.message);
    throw error;
  }
}

/** Builds a 422 `flow_document_invalid` error carrying the problems that stop the document from loading. */
export function documentInvalid(problems: FlowProblem[]): AdminError {
  const first = problems[0]?.message ?? 'The document is not a flow document.';
  return new AdminError(422, 'flow_document_invalid', `Invalid flow document: ${first}`, problems);
}
