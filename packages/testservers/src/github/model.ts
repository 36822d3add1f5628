/** Records of the GitHub test server's state, shaped after GitHub's own objects. */

export type OrgRole = 'admin' | 'member';
export type TeamRole = 'member' | 'maintainer';
export type InvitationRole = 'admin' | 'direct_member' | 'billing_manager' | 'reinstate';

/** A GitHub account: a person, or the bot user an app acts as. */
export interface GithubUser {
  id: number;
  login: string;
  email: string | null;
  name: string | null;
  type: 'User' | 'Bot';
  /** Organizations this user blocked; inviting the user there fails with 422. */
  blockedOrgs: Set<string>;
}

export interface GithubTeam {
  id: number;
  slug: string;
  name: string;
  /** A team synced with an identity provider group rejects membership changes with 403. */
  idpSynced: boolean;
  members: Map<number, TeamRole>;
}

export interface GithubInvitation {
  id: number;
  /** Login of the invitee, or null for an email invitation. */
  login: string | null;
  email: string | null;
  inviteeId: number | null;
  role: InvitationRole;
  teamIds: number[];
  createdAt: string;
  inviterId: number;
  failedAt: string | null;
  failedReason: string | null;
}

export interface GithubOrg {
  id: number;
  login: string;
  members: Map<number, OrgRole>;
  invitations: Map<number, GithubInvitation>;
  failedInvitations: GithubInvitation[];
  teams: Map<string, GithubTeam>;
  /** Creation times (ms) of invitations, for the 24-hour invitation quota. */
  invitationTimes: number[];
}

/** A token the server accepts, and whom it acts as. */
export interface GithubToken {
  token: string;
  userId: number;
  kind: 'personal' | 'installation';
  installationId?: number;
  /** Organization permissions of a fine-grained token; undefined for a classic token. */
  permissions?: Record<string, 'read' | 'write'>;
  /** Expiry in ms since the epoch; installation tokens live one hour. */
  expiresAt?: number;
}

export interface GithubInstallation {
  id: number;
  appId: number;
  orgLogin: string;
  permissions: Record<string, 'read' | 'write'>;
}

export interface GithubApp {
  id: number;
  slug: string;
  /** SPKI PEM of the public key that verifies the app's JWTs. */
  publicKeyPem: string;
  botUserId: number;
}

/** Primary rate-limit counter for one token's identity. */
export interface RateLimitWindow {
  limit: number;
  used: number;
  /** Window end, in seconds since the epoch, as `x-ratelimit-reset` reports it. */
  resetAt: number;
}
