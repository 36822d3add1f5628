import { rsaKeyPair } from '../core/key-pairs.js';
import type {
  GithubInvitation,
  GithubOrg,
  GithubTeam,
  GithubUser,
  OrgRole,
  TeamRole,
} from './model.js';
import { generateGithubToken, type GithubSettings, type GithubState } from './state.js';

/** A GitHub App that tests sign JWTs for, with its installation on one organization. */
export interface SeededGithubApp {
  appId: number;
  slug: string;
  installationId: number;
  /** PKCS #8 PEM, which `jose.importPKCS8` reads. */
  privateKeyPem: string;
  /** PKCS #1 PEM (`BEGIN RSA PRIVATE KEY`), the format GitHub's download has. */
  privateKeyPkcs1Pem: string;
}

/** Invitation as tests read it back. */
export interface InvitationView {
  id: number;
  login: string | null;
  email: string | null;
  role: string;
  teamSlugs: string[];
  failedReason: string | null;
}

/** Typed seeding and inspection of the GitHub test server's state. */
export class GithubControl {
  constructor(private readonly state: GithubState) {}

  /** Changes the rate-limit budget, the invitation quota or the duplicate-invitation policy. */
  configure(settings: Partial<GithubSettings>): void {
    Object.assign(this.state.settings, settings);
    if (settings.rateLimit !== undefined) {
      for (const window of this.state.rateLimits.values()) window.limit = settings.rateLimit;
    }
  }

  /**
   * Ends every token's rate-limit window, as if `x-ratelimit-reset` had passed, so the next
   * request starts a full budget. Tests use it in place of waiting up to an hour.
   */
  resetRateLimits(): void {
    this.state.rateLimits.clear();
  }

  /** Creates a GitHub account, or returns the existing one with this login. */
  createUser(input: { login: string; email?: string; name?: string }): GithubUser {
    const existing = this.state.findUser(input.login);
    if (existing !== undefined) return existing;

    const user: GithubUser = {
      id: this.state.newUserId(),
      login: input.login,
      email: input.email ?? null,
      name: input.name ?? null,
      type: 'User',
      blockedOrgs: new Set(),
    };
    this.state.users.set(user.id, user);
    return user;
  }

  /** Creates an organization whose owner is `owner` (created if missing). */
  createOrg(input: { login: string; owner: string }): GithubOrg {
    const owner = this.createUser({ login: input.owner });
    const org: GithubOrg = {
      id: this.state.newOrgId(),
      login: input.login,
      members: new Map([[owner.id, 'admin']]),
      invitations: new Map(),
      failedInvitations: [],
      teams: new Map(),
      invitationTimes: [],
    };
    this.state.orgs.set(input.login.toLowerCase(), org);
    return org;
  }

  /** Creates a team; the slug defaults to the name in lower case with dashes. */
  createTeam(
    orgLogin: string,
    input: { name: string; slug?: string; idpSynced?: boolean },
  ): GithubTeam {
    const org = this.state.requireOrg(orgLogin);
    const slug = input.slug ?? input.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const team: GithubTeam = {
      id: this.state.newTeamId(),
      slug,
      name: input.name,
      idpSynced: input.idpSynced ?? false,
      members: new Map(),
    };
    org.teams.set(slug.toLowerCase(), team);
    return team;
  }

  /** Makes a user (created if missing) an active member of the organization. */
  addMember(orgLogin: string, login: string, role: OrgRole = 'member'): GithubUser {
    const org = this.state.requireOrg(orgLogin);
    const user = this.createUser({ login });
    org.members.set(user.id, role);
    return user;
  }

  /** Adds a user to a team, making them an organization member first if needed. */
  addTeamMember(orgLogin: string, slug: string, login: string, role: TeamRole = 'member'): void {
    const org = this.state.requireOrg(orgLogin);
    const team = this.state.requireTeam(org, slug);
    const user = this.createUser({ login });
    if (!org.members.has(user.id)) org.members.set(user.id, 'member');
    team.members.set(user.id, role);
  }

  /** Issues a personal access token for a user (created if missing) and returns it. */
  createToken(login: string, token = generateGithubToken('ghp_')): string {
    const user = this.createUser({ login });
    this.state.tokens.set(token, { token, userId: user.id, kind: 'personal' });
    return token;
  }

  /**
   * Issues a fine-grained personal access token (`github_pat_…`) with these organization
   * permissions, such as `{ members: 'read' }`, and returns it.
   */
  createFineGrainedToken(login: string, permissions: Record<string, 'read' | 'write'>): string {
    const user = this.createUser({ login });
    const token = `github_pat_${generateGithubToken('ghp_').slice(4)}`;
    this.state.tokens.set(token, { token, userId: user.id, kind: 'personal', permissions });
    return token;
  }

  /**
   * Registers a GitHub App with a new RSA key pair and installs it on an organization with
   * `members: write`, or with `permissions` when given.
   */
  createApp(input: {
    org: string;
    slug?: string;
    permissions?: Record<string, 'read' | 'write'>;
  }): SeededGithubApp {
    const org = this.state.requireOrg(input.org);
    const { publicKey, privateKey } = rsaKeyPair('github', this.state.apps.size);
    const appId = this.state.newAppId();
    const slug = input.slug ?? `scimflow-test-${appId}`;
    const bot = this.createUser({ login: `${slug}[bot]` });
    bot.type = 'Bot';

    this.state.apps.set(appId, {
      id: appId,
      slug,
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      botUserId: bot.id,
    });

    const installationId = this.state.newInstallationId();
    this.state.installations.set(installationId, {
      id: installationId,
      appId,
      orgLogin: org.login,
      permissions: input.permissions ?? { members: 'write' },
    });

    return {
      appId,
      slug,
      installationId,
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      privateKeyPkcs1Pem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    };
  }

  /** Makes a user refuse invitations from the organization, as blocking it on GitHub does. */
  blockOrg(login: string, orgLogin: string): void {
    this.createUser({ login }).blockedOrgs.add(orgLogin.toLowerCase());
  }

  /** Accepts a pending invitation. An email invitation is accepted by `login`, created if missing. */
  acceptInvitation(orgLogin: string, invitationId: number, login?: string): GithubUser {
    const org = this.state.requireOrg(orgLogin);
    const invitation = this.requireInvitation(org, invitationId);
    const acceptingLogin = login ?? invitation.login;
    if (acceptingLogin === null) {
      throw new Error(
        `Invitation ${invitationId} is for ${invitation.email}: pass the login that accepts it`,
      );
    }

    const user = this.createUser({ login: acceptingLogin, email: invitation.email ?? undefined });
    this.state.acceptInvitation(org, invitation, user);
    return user;
  }

  /** Moves a pending invitation to the failed list with `failed_reason` "expired". */
  expireInvitation(orgLogin: string, invitationId: number): void {
    const org = this.state.requireOrg(orgLogin);
    this.state.failInvitation(org, this.requireInvitation(org, invitationId), 'expired');
  }

  invitations(orgLogin: string): InvitationView[] {
    const org = this.state.requireOrg(orgLogin);
    return [...org.invitations.values()].map((value) => this.viewInvitation(org, value));
  }

  failedInvitations(orgLogin: string): InvitationView[] {
    const org = this.state.requireOrg(orgLogin);
    return org.failedInvitations.map((value) => this.viewInvitation(org, value));
  }

  /** Returns the organization's active members and their roles, by login. */
  members(orgLogin: string): Record<string, OrgRole> {
    const org = this.state.requireOrg(orgLogin);
    const members: Record<string, OrgRole> = {};
    for (const [id, role] of org.members) {
      const user = this.state.users.get(id);
      if (user !== undefined) members[user.login] = role;
    }
    return members;
  }

  /** Returns a team's members and their roles, by login. */
  teamMembers(orgLogin: string, slug: string): Record<string, TeamRole> {
    const org = this.state.requireOrg(orgLogin);
    const members: Record<string, TeamRole> = {};
    for (const [id, role] of this.state.requireTeam(org, slug).members) {
      const user = this.state.users.get(id);
      if (user !== undefined) members[user.login] = role;
    }
    return members;
  }

  /** Returns every organization with its members, teams and invitations, as JSON. */
  snapshot() {
    return [...this.state.orgs.values()].map((org) => ({
      login: org.login,
      members: this.members(org.login),
      teams: [...org.teams.values()].map((team) => ({
        slug: team.slug,
        members: this.teamMembers(org.login, team.slug),
      })),
      invitations: this.invitations(org.login),
      failedInvitations: this.failedInvitations(org.login),
    }));
  }

  private requireInvitation(org: GithubOrg, id: number): GithubInvitation {
    const invitation = org.invitations.get(id);
    if (invitation === undefined) {
      throw new Error(
        `Invitation ${id} not found in ${org.login}: list pending ones with invitations()`,
      );
    }
    return invitation;
  }

  private viewInvitation(org: GithubOrg, value: GithubInvitation): InvitationView {
    return {
      id: value.id,
      login: value.login,
      email: value.email,
      role: value.role,
      teamSlugs: value.teamIds
        .map((id) => this.state.findTeamById(org, id)?.slug)
        .filter((slug) => slug !== undefined),
      failedReason: value.failedReason,
    };
  }
}
