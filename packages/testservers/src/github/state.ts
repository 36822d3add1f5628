import { randomBytes } from 'node:crypto';

import { notFound } from './errors.js';
import type {
  GithubApp,
  GithubInstallation,
  GithubInvitation,
  GithubOrg,
  GithubTeam,
  GithubToken,
  GithubUser,
  OrgRole,
  RateLimitWindow,
} from './model.js';

/** Settings that tests change to reach edge cases. */
export interface GithubSettings {
  /** Requests per hour per token identity before the primary rate limit applies. */
  rateLimit: number;
  /** Status of a primary rate-limit rejection; GitHub sends 403 or 429. */
  rateLimitStatus: 403 | 429;
  /** Invitations per organization per 24 hours before "Over invitation rate limit". */
  invitationQuota: number;
  /** Result of inviting someone with a pending invitation: a 422, or the existing invitation. */
  duplicateInvitation: 'reject' | 'returnExisting';
}

export const defaultGithubSettings: GithubSettings = {
  rateLimit: 5000,
  rateLimitStatus: 403,
  invitationQuota: 500,
  duplicateInvitation: 'reject',
};

/** Generates a token in GitHub's format: a prefix and 36 random base62 characters. */
export function generateGithubToken(prefix: 'ghp_' | 'ghs_'): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(36);
  let token = prefix;
  for (const byte of bytes) token += alphabet[byte % alphabet.length];
  return token;
}

/** In-memory state of the GitHub test server. */
export class GithubState {
  settings: GithubSettings = { ...defaultGithubSettings };
  users = new Map<number, GithubUser>();
  orgs = new Map<string, GithubOrg>();
  tokens = new Map<string, GithubToken>();
  apps = new Map<number, GithubApp>();
  installations = new Map<number, GithubInstallation>();
  rateLimits = new Map<string, RateLimitWindow>();
  /** Base URL that `url` fields in response bodies start with. */
  baseUrl = 'http://127.0.0.1';

  private nextUserId = 1001;
  private nextOrgId = 9001;
  private nextTeamId = 101;
  private nextInvitationId = 5001;
  private nextAppId = 301;
  private nextInstallationId = 40001;

  reset(): void {
    this.settings = { ...defaultGithubSettings };
    this.users.clear();
    this.orgs.clear();
    this.tokens.clear();
    this.apps.clear();
    this.installations.clear();
    this.rateLimits.clear();
  }

  newUserId(): number {
    return this.nextUserId++;
  }

  newOrgId(): number {
    return this.nextOrgId++;
  }

  newTeamId(): number {
    return this.nextTeamId++;
  }

  newInvitationId(): number {
    return this.nextInvitationId++;
  }

  newAppId(): number {
    return this.nextAppId++;
  }

  newInstallationId(): number {
    return this.nextInstallationId++;
  }

  /** Finds a user by login, ignoring case as GitHub does. */
  findUser(login: string): GithubUser | undefined {
    const target = login.toLowerCase();
    for (const user of this.users.values()) {
      if (user.login.toLowerCase() === target) return user;
    }
    return undefined;
  }

  findUserByEmail(email: string): GithubUser | undefined {
    const target = email.toLowerCase();
    for (const user of this.users.values()) {
      if (user.email?.toLowerCase() === target) return user;
    }
    return undefined;
  }

  /** Returns the user or throws GitHub's 404. */
  requireUser(login: string): GithubUser {
    const user = this.findUser(login);
    if (user === undefined) throw notFound();
    return user;
  }

  findOrg(login: string): GithubOrg | undefined {
    return this.orgs.get(login.toLowerCase());
  }

  /** Returns the organization or throws GitHub's 404. */
  requireOrg(login: string): GithubOrg {
    const org = this.findOrg(login);
    if (org === undefined) throw notFound();
    return org;
  }

  /** Returns the team or throws GitHub's 404. */
  requireTeam(org: GithubOrg, slug: string): GithubTeam {
    const team = org.teams.get(slug.toLowerCase());
    if (team === undefined) throw notFound();
    return team;
  }

  findTeamById(org: GithubOrg, id: number): GithubTeam | undefined {
    for (const team of org.teams.values()) if (team.id === id) return team;
    return undefined;
  }

  /** Finds the pending invitation for a user, by invitee id, login or email. */
  findPendingInvitation(org: GithubOrg, user: GithubUser | undefined, email?: string) {
    for (const invitation of org.invitations.values()) {
      if (user !== undefined && invitation.inviteeId === user.id) return invitation;
      if (email !== undefined && invitation.email?.toLowerCase() === email.toLowerCase()) {
        return invitation;
      }
    }
    return undefined;
  }

  /**
   * Makes the invitee a member with the invitation's role and teams, as accepting it on GitHub
   * does. An email invitation needs the user who accepts it.
   */
  acceptInvitation(org: GithubOrg, invitation: GithubInvitation, user: GithubUser): void {
    const role: OrgRole = invitation.role === 'admin' ? 'admin' : 'member';
    org.members.set(user.id, role);
    org.invitations.delete(invitation.id);

    for (const teamId of invitation.teamIds) {
      this.findTeamById(org, teamId)?.members.set(user.id, 'member');
    }
  }

  /** Moves an invitation to the failed list, as GitHub does after seven days. */
  failInvitation(org: GithubOrg, invitation: GithubInvitation, reason: string): void {
    org.invitations.delete(invitation.id);
    org.failedInvitations.push({
      ...invitation,
      failedAt: new Date().toISOString(),
      failedReason: reason,
    });
  }
}
