import type { Kysely } from 'kysely';
import type { FlowDocument } from '@scimflow/flow';
import type { Database } from '../db/schema.js';
import { readDocument } from '../flows/published.js';
import '../flows/flow-tables.js';

export { listPublishedFlows, getFlowVersion, type PublishedFlow } from '../flows/published.js';

/** Loads a flow's draft, which only test runs execute, or undefined when the flow does not exist. */
export async function loadDraft(
  db: Kysely<Database>,
  flowId: string,
): Promise<{ flowName: string; document: FlowDocument } | undefined> {
  const row = await db
    .selectFrom('flows')
    .select(['name', 'draft'])
    .where('id', '=', flowId)
    .executeTakeFirst();
  if (!row) return undefined;
  return { flowName: row.name, document: readDocument(flowId, 'draft', row.draft) };
}
