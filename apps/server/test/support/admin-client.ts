/** A parsed JSON response body; tests read its fields directly and assert on them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonBody = any;

/** A signed-in admin API client using real HTTP. */
export interface AdminClient {
  cookie: string;
  csrfToken: string;
  request(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: JsonBody }>;
}

/** Signs in as `admin` and returns a client that sends the cookie and the CSRF header. */
export async function signIn(baseUrl: string, password: string): Promise<AdminClient> {
  const response = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  if (response.status !== 200)
    throw new Error(`admin sign-in failed with ${response.status}: ${await response.text()}`);

  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };

  return {
    cookie,
    csrfToken,
    async request(method, path, body) {
      const headers: Record<string, string> = { cookie, 'x-csrf-token': csrfToken };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
  };
}
