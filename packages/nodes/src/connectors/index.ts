import type { NodeDefinition } from '../define.js';
import { githubAddToTeam } from './github/add-to-team.js';
import { githubInviteToOrganization } from './github/invite-to-organization.js';
import { githubRemoveFromOrganization } from './github/remove-from-organization.js';
import { githubRemoveFromTeam } from './github/remove-from-team.js';
import { googleCreateUser } from './google/create-user.js';
import { googleDeleteUser } from './google/delete-user.js';
import { googleSuspendUser } from './google/suspend-user.js';
import { googleUpdateUser } from './google/update-user.js';
import { httpRequest } from './http/request.js';
import { sheetsAppendRow } from './sheets/append-row.js';
import { sheetsDeleteRow } from './sheets/delete-row.js';
import { sheetsUpdateRow } from './sheets/update-row.js';
import { sheetsUpsertRow } from './sheets/upsert-row.js';

/** Every connector node: GitHub, Google Workspace, Google Sheets and HTTP. */
export const connectorNodes: NodeDefinition[] = [
  githubInviteToOrganization,
  githubRemoveFromOrganization,
  githubAddToTeam,
  githubRemoveFromTeam,
  googleCreateUser,
  googleUpdateUser,
  googleSuspendUser,
  googleDeleteUser,
  sheetsAppendRow,
  sheetsUpdateRow,
  sheetsDeleteRow,
  sheetsUpsertRow,
  httpRequest,
];

export {
  githubAddToTeam,
  githubInviteToOrganization,
  githubRemoveFromOrganization,
  githubRemoveFromTeam,
  googleCreateUser,
  googleDeleteUser,
  googleSuspendUser,
  googleUpdateUser,
  httpRequest,
  sheetsAppendRow,
  sheetsDeleteRow,
  sheetsUpdateRow,
  sheetsUpsertRow,
};
export { generatePassword } from './google/password.js';
export { parseExpectedStatus } from './http/expected-status.js';
export { keyLockMemory, useKeyLockMemory } from './sheets/key-lock.js';
