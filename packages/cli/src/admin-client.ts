/** The admin API address and the admin account that signs in to it. */
export interface AdminConnection {
  url: string;
  username: string;
  password: string;
}

/** An admin API error: the HTTP status and the API's own code and message. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems?: unknown[],
  ) {
    super(message);
  }
}

/**
 * A signed-in client of ScimFlow's admin API: it keeps the session cookie and sends the CSRF
 * token on every request that changes something.
 */
export class AdminClient {
  private constructor(
    private readonly baseUrl: string,
    private readonly cookie: string,
    private readonly csrfToken: string,
  ) {}

  /** Signs in with the admin account and returns a client bound to that session. */
  static async signIn(connection: AdminConnection): Promise<AdminClient> {
    const baseUrl = connection.url.replace(/\/+$/, '');
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: connection.username, password: connection.password }),
      });
    } catch (error) {
      throw new Error(
        `Cannot reach ScimFlow at ${baseUrl}: ${(error as Error).message}. Start it or pass --url.`,
      );
    }
    const body = (await response.json().catch(() => ({}))) as { csrfToken?: string };
    if (!response.ok) throw await toError(response, body);

    const cookie = (response.headers.getSetCookie?.() ?? [])
      .map((line) => line.split(';')[0])
      .join('; ');
    if (!cookie || !body.csrfToken) {
      throw new Error(`Signing in to ${baseUrl} returned no session. Is this a ScimFlow server?`);
    }
    return new AdminClient(baseUrl, cookie, body.csrfToken);
  }

  /** Sends one admin API request and returns the parsed JSON body. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    if (body !== undefined) headers['content-type'] = 'application/json';

    const response = await fetch(`${this.baseUrl}/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed: unknown = text === '' ? undefined : JSON.parse(text);
    if (!response.ok) throw await toError(response, parsed);
    return parsed as T;
  }
}

async function toError(response: Response, body: unknown): Promise<AdminApiError> {
  const error = (body as { error?: { code?: string; message?: string; problems?: unknown[] } })
    ?.error;
  return new AdminApiError(
    response.status,
    error?.code ?? `http_${response.status}`,
    error?.message ?? `${response.status} ${response.statusText}`,
    error?.problems,
  );
}
