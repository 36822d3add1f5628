import { randomBytes } from 'node:crypto';

/** A Workspace user as the Directory test server stores it. */
export interface DirectoryUser {
  id: string;
  primaryEmail: string;
  name: { givenName: string; familyName: string };
  aliases: string[];
  /** Set once a password was given; the password itself is never stored or returned. */
  hasPassword: boolean;
  hashFunction?: string;
  suspended: boolean;
  archived: boolean;
  orgUnitPath: string;
  changePasswordAtNextLogin: boolean;
  includeInGlobalAddressList: boolean;
  /** Optional User fields that the server keeps as sent: externalIds, phones, organizations … */
  extra: Record<string, unknown>;
  creationTime: string;
  /** Time (ms) until which the user counts as not yet propagated. */
  readyAt: number;
  etag: string;
  deleted: boolean;
}

/** Optional User fields stored as sent and returned unchanged. */
export const passthroughFields = [
  'externalIds',
  'organizations',
  'phones',
  'addresses',
  'relations',
  'locations',
  'recoveryEmail',
  'recoveryPhone',
  'customSchemas',
  'languages',
  'gender',
  'keywords',
  'ims',
  'websites',
  'notes',
] as const;

export function newEtag(): string {
  return `"${randomBytes(20).toString('base64url')}"`;
}

/** Returns the User resource as `users.get` does, without the password. */
export function serializeUser(user: DirectoryUser, customerId: string) {
  const fullName = `${user.name.givenName} ${user.name.familyName}`;
  const resource: Record<string, unknown> = {
    kind: 'admin#directory#user',
    id: user.id,
    etag: user.etag,
    primaryEmail: user.primaryEmail,
    name: { ...user.name, fullName },
    isAdmin: false,
    isDelegatedAdmin: false,
    lastLoginTime: '1970-01-01T00:00:00.000Z',
    creationTime: user.creationTime,
    agreedToTerms: false,
    suspended: user.suspended,
    archived: user.archived,
    changePasswordAtNextLogin: user.changePasswordAtNextLogin,
    ipWhitelisted: false,
    emails: [
      { address: user.primaryEmail, primary: true },
      ...user.aliases.map((address) => ({ address })),
    ],
    customerId,
    orgUnitPath: user.orgUnitPath,
    isMailboxSetup: true,
    isEnrolledIn2Sv: false,
    isEnforcedIn2Sv: false,
    includeInGlobalAddressList: user.includeInGlobalAddressList,
    ...user.extra,
  };

  if (user.suspended) resource.suspensionReason = 'ADMIN';
  if (user.aliases.length > 0) resource.aliases = [...user.aliases];
  return resource;
}
