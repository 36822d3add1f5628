import type { CurrentNames } from '../credentials/current-names.js';
import { hasDraftChanges } from './draft-changes.js';
import type { FlowSummaryView, FlowView, FlowVersionView } from './flow-schemas.js';
import { draftOf, type FlowRow, type FlowVersionRow, type LatestVersion } from './flow-store.js';
import { readDocument } from './published.js';
import type { RecentExecution } from './recent-executions.js';

/** Builds the `Flow` response: the flow with its draft. */
export function flowView(
  flow: FlowRow,
  latest: LatestVersion | undefined,
  currentNames: CurrentNames,
): FlowView {
  return {
    id: flow.id,
    name: flow.name,
    description: flow.description,
    enabled: flow.enabled === 1,
    draft: draftOf(flow),
    publishedVersion: latest?.version ?? null,
    hasDraftChanges: hasDraftChanges(flow, latest, currentNames),
    createdAt: flow.created_at,
    updatedAt: flow.updated_at,
  };
}

/** Builds a `FlowSummary` entry of the flow list. */
export function flowSummaryView(
  flow: FlowRow,
  latest: LatestVersion | undefined,
  recent: RecentExecution[] | undefined,
  currentNames: CurrentNames,
): FlowSummaryView {
  return {
    id: flow.id,
    name: flow.name,
    description: flow.description,
    enabled: flow.enabled === 1,
    publishedVersion: latest?.version ?? null,
    hasDraftChanges: hasDraftChanges(flow, latest, currentNames),
    updatedAt: flow.updated_at,
    recentExecutions: recent ?? [],
  };
}

/** Builds a `FlowVersion`, with its document when `withDocument` is set. */
export function flowVersionView(row: FlowVersionRow, withDocument: boolean): FlowVersionView {
  return {
    version: row.version,
    note: row.note,
    publishedBy: row.published_by,
    publishedAt: row.published_at,
    ...(withDocument ? { document: readDocument(row.flow_id, row.version, row.document) } : {}),
  };
}
