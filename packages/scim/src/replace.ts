import type { ResourceTypeName } from './urns.js';
import type { PatchResult } from './patch/apply.js';
import { scimErrors } from './errors.js';

// TODO: stub while the implementation lands.
export function replaceResource(
  _existing: object,
  _incoming: unknown,
  _resourceType: ResourceTypeName,
): PatchResult {
  throw scimErrors.notImplemented('replaceResource is not implemented yet');
}
