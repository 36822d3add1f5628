import type { TestServers } from '../src/index.js';

/** A parsed HTTP response as the tests check it. */
export interface JsonResponse {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Sends a JSON request with a User-Agent, as GitHub and Google clients do. */
export async function send(
  url: string,
  init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<JsonResponse> {
  const headers: Record<string, string> = { 'user-agent': 'scimflow-tests', ...init.headers };
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] ??= 'application/json';

  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    body:
      init.body === undefined
        ? undefined
        : typeof init.body === 'string'
          ? init.body
          : JSON.stringify(init.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : JSON.parse(text),
  };
}

/** Seeds org `acme` with owner `octo-owner`, team `engineering`, user `mona` and a token. */
export function seedGithub(servers: TestServers) {
  const github = servers.github;
  github.createOrg({ login: 'acme', owner: 'octo-owner' });
  const team = github.createTeam('acme', { name: 'Engineering' });
  const mona = github.createUser({ login: 'mona', email: 'mona@example.com' });
  const token = github.createToken('octo-owner');
  return { team, mona, token, url: (path: string) => `${github.baseUrl}${path}` };
}
