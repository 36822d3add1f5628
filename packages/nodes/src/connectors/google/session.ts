import type { NodeRunContext } from '../../define.js';
import { GOOGLE_SCOPES } from '../../credentials/index.js';
import { openSession, path, type ApiSession } from '../shared/session.js';

/** Credential types that the Google Workspace nodes accept. */
export const GOOGLE_CREDENTIAL_TYPES = ['google.serviceAccount'] as const;

/** Opens a session against the credential's Directory API base URL with the user scope. */
export function openDirectory(context: NodeRunContext<unknown>): ApiSession {
  return openSession(context, {
    api: 'Google Directory',
    credentialTypes: GOOGLE_CREDENTIAL_TYPES,
    baseUrl: (data) => String(data.directoryBaseUrl),
    scopes: [GOOGLE_SCOPES.directoryUser],
  });
}

/** Builds the Directory API path of one user; `userKey` is the primary email, an alias or the user id. */
export function userPath(userKey: string): string {
  return path`admin/directory/v1/users/${userKey}`;
}

/** The user fields that node outputs carry. The password is never among them. */
export interface UserSummary {
  id: string;
  primaryEmail: string;
  givenName?: string;
  familyName?: string;
  orgUnitPath?: string;
  suspended: boolean;
}

/** Picks the output fields from a Directory API user. */
export function summarizeUser(body: unknown): UserSummary {
  const user = body as {
    id: string;
    primaryEmail: string;
    name?: { givenName?: string; familyName?: string };
    orgUnitPath?: string;
    suspended?: boolean;
  };
  return {
    id: user.id,
    primaryEmail: user.primaryEmail,
    ...(user.name?.givenName === undefined ? {} : { givenName: user.name.givenName }),
    ...(user.name?.familyName === undefined ? {} : { familyName: user.name.familyName }),
    ...(user.orgUnitPath === undefined ? {} : { orgUnitPath: user.orgUnitPath }),
    suspended: user.suspended === true,
  };
}

/**
 * Returns whether a response is Google's "User creation is not complete": a user inserted moments ago is
 * not yet visible to every backend, and the same request succeeds after a short wait.
 */
export function isCreationIncomplete(response: { status: number; body: unknown }): boolean {
  return (
    response.status >= 400 &&
    response.status < 500 &&
    /user creation is not complete/i.test(JSON.stringify(response.body ?? ''))
  );
}

/** The advice for Google's 403 on user writes. */
export const DIRECTORY_FORBIDDEN_FIX =
  'Make the Subject an admin who may manage users, and use a domain that the Workspace account owns.';

/** Returns the fix for a Directory API failure, or `undefined` for the advice by status. */
export function directoryFix(status: number): string | undefined {
  return status === 403 ? DIRECTORY_FORBIDDEN_FIX : undefined;
}

/** Type of the Directory session, re-exported for node files. */
export type { ApiSession };
