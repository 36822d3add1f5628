import type { ResourceTypeName } from '../urns.js';
import type { AttributeChange } from '../diff.js';
import { scimErrors } from '../errors.js';

export interface PatchResult {
  resource: Record<string, unknown>;
  changes: AttributeChange[];
}

// TODO: stub while the implementation lands.
export function applyPatch(
  _resource: object,
  _patchOp: unknown,
  _resourceType: ResourceTypeName,
): PatchResult {
  throw scimErrors.notImplemented('applyPatch is not implemented yet');
}
