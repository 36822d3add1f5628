/** An access token and when it stops being valid, in epoch milliseconds. */
export interface CachedToken {
  token: string;
  expiresAt: number;
}

/**
 * Caches access tokens (GitHub App installation tokens, Google access tokens) by a key that names
 * the credential and scopes, and shares one pending fetch between concurrent callers.
 */
export class TokenCache {
  private readonly tokens = new Map<string, Promise<CachedToken>>();

  /**
   * @param marginMs how long before `expiresAt` a token counts as expired, so a request sent
   *   with it does not arrive after the expiry.
   */
  constructor(
    private readonly marginMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Returns the cached token for `key`, or fetches, caches and returns a new one. */
  async get(key: string, fetchToken: () => Promise<CachedToken>): Promise<string> {
    const cached = this.tokens.get(key);
    if (cached) {
      const token = await cached.catch(() => undefined);
      if (token && token.expiresAt - this.marginMs > this.now()) return token.token;
      if (this.tokens.get(key) !== cached) return this.get(key, fetchToken);
    }

    const pending = fetchToken();
    this.tokens.set(key, pending);
    try {
      return (await pending).token;
    } catch (error) {
      this.tokens.delete(key);
      throw error;
    }
  }

  /** Drops the token for `key`, such as after the API rejected it with 401. */
  delete(key: string): void {
    this.tokens.delete(key);
  }

  /** Drops every cached token, such as after a credential was edited. */
  clear(): void {
    this.tokens.clear();
  }
}

/** The process-wide cache that `authenticate` uses unless it is handed another. */
export const sharedTokenCache = new TokenCache();
