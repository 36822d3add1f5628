import { scimErrors } from './errors.js';
import type { ScimUser } from './schemas/user.js';
import type { ScimGroup } from './schemas/group.js';
import type { PatchOp } from './schemas/messages.js';

// TODO: stub while the implementation lands.
export function parseUser(_body: unknown): ScimUser {
  throw scimErrors.notImplemented('parseUser is not implemented yet');
}

export function parseGroup(_body: unknown): ScimGroup {
  throw scimErrors.notImplemented('parseGroup is not implemented yet');
}

export function parsePatchOp(_body: unknown): PatchOp {
  throw scimErrors.notImplemented('parsePatchOp is not implemented yet');
}
