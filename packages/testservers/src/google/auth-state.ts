import { randomBytes } from 'node:crypto';

/** A service account whose JWTs the token endpoint verifies. */
export interface ServiceAccount {
  clientEmail: string;
  /** Numeric OAuth client id that domain-wide delegation is granted to. */
  clientId: string;
  privateKeyId: string;
  publicKeyPem: string;
  /** Scopes granted for domain-wide delegation; empty means no delegation. */
  delegatedScopes: string[];
}

/** An access token that the token endpoint issued. */
export interface AccessToken {
  token: string;
  clientEmail: string;
  /** The impersonated user (`sub`), or undefined when the service account acts as itself. */
  subject?: string;
  scopes: string[];
  /** Expiry in ms since the epoch. */
  expiresAt: number;
}

/** Accounts, the Workspace's admins and domains, and issued tokens of the Google test server. */
export class GoogleAuthState {
  serviceAccounts = new Map<string, ServiceAccount>();
  accessTokens = new Map<string, AccessToken>();
  /** Workspace admins that service accounts may impersonate with `sub`. */
  admins = new Set<string>();
  /** Verified domains of the Workspace customer, for Directory users' primary emails. */
  domains = new Set<string>(['example.com']);
  customerId = 'C03az79cb';
  /** `aud` values the token endpoint accepts, in addition to its own URL. */
  audiences = new Set<string>(['https://oauth2.googleapis.com/token']);
  /** URL of this server's token endpoint, the `token_uri` of generated keys. */
  tokenUri = 'http://127.0.0.1/google/token';

  reset(): void {
    this.serviceAccounts.clear();
    this.accessTokens.clear();
    this.admins.clear();
    this.domains = new Set(['example.com']);
    this.audiences = new Set(['https://oauth2.googleapis.com/token']);
  }

  /** Issues an access token in Google's `ya29.` format. */
  issueToken(input: Omit<AccessToken, 'token'>): AccessToken {
    const token: AccessToken = { token: `ya29.${randomBytes(48).toString('base64url')}`, ...input };
    this.accessTokens.set(token.token, token);
    return token;
  }

  isAdmin(email: string): boolean {
    return this.admins.has(email.toLowerCase());
  }
}
