import { applyCurrentNames, type CurrentNames } from '../credentials/current-names.js';
import { draftOf, type FlowRow, type LatestVersion } from './flow-store.js';
import { readDocument } from './published.js';

/**
 * Returns true when the draft differs from the newest published version. Credential names count
 * as equal when they resolve to the same credential, because a credential rename rewrites drafts
 * but never published versions, and the rename alone changes nothing that a publish would.
 * `currentNames` comes from `loadCurrentNames`.
 */
export function hasDraftChanges(
  flow: FlowRow,
  latest: LatestVersion | undefined,
  currentNames: CurrentNames,
): boolean {
  if (!latest) return true;

  const draft = draftOf(flow);
  const published = readDocument(flow.id, latest.version, latest.document);
  applyCurrentNames(draft, currentNames);
  applyCurrentNames(published, currentNames);
  return JSON.stringify(draft) !== JSON.stringify(published);
}
