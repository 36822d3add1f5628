import { AdminApiError } from '../admin-client.js';

/**
 * Rewrites the admin API's 404 for a flow id, whose advice names an API route, to name the
 * command that lists the flows. Returns any other error as it is.
 */
export function withFlowListAdvice(error: unknown, id: string): unknown {
  if (!(error instanceof AdminApiError) || error.code !== 'flow_not_found') return error;

  return new AdminApiError(
    error.status,
    error.code,
    `No flow with id "${id}". List the flows and their ids with: pnpm -s scimflow flows list`,
    error.problems,
  );
}

/**
 * Rewrites the admin API's 409 for a taken flow name, whose advice names the API's `name`
 * field, to name the `--name` option instead. Returns any other error as it is.
 */
export function withRenameAdvice(error: unknown, name: string): unknown {
  if (!(error instanceof AdminApiError) || error.code !== 'flow_name_taken') return error;

  return new AdminApiError(
    error.status,
    error.code,
    `A flow named "${name}" already exists (names ignore case). Pass --name "<another name>" to import it under a new name.`,
    error.problems,
  );
}
