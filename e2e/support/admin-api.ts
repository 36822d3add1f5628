import { ADMIN_PASSWORD, APP_URL } from './env.js';

/** An execution as `GET /api/executions` lists it. */
export interface ExecutionSummary {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  eventType: string;
  dryRun: boolean;
}

/** A signed-in client of the admin API, for arranging state and checking what the UI did. */
export class AdminApi {
  private constructor(
    private readonly baseUrl: string,
    private readonly cookie: string,
    private readonly csrfToken: string,
  ) {}

  /** Signs in as `admin` and returns a client that sends the session cookie and CSRF token. */
  static async signIn(baseUrl = APP_URL, password = ADMIN_PASSWORD): Promise<AdminApi> {
    const response = await fetch(`${baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    if (!response.ok) {
      throw new Error(
        `Admin sign-in at ${baseUrl} failed with ${response.status}; the password must match SCIMFLOW_ADMIN_PASSWORD of the server's first start`,
      );
    }

    const cookie = (response.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    return new AdminApi(baseUrl, cookie, csrfToken);
  }

  /** Sends a request and returns the parsed JSON body. Throws with the status and body when the status is not 2xx. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    if (body !== undefined) headers['content-type'] = 'application/json';

    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`${method} ${path} returned ${response.status}: ${text}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  listFlows(): Promise<
    { id: string; name: string; enabled: boolean; publishedVersion: number | null }[]
  > {
    return this.request('GET', '/api/flows');
  }

  getFlow(
    id: string,
  ): Promise<{ id: string; draft: FlowDocumentLike; publishedVersion: number | null }> {
    return this.request('GET', `/api/flows/${id}`);
  }

  /** Returns the exported document of a flow's draft, as the designer downloads it. */
  exportFlow(id: string): Promise<FlowDocumentLike> {
    return this.request('GET', `/api/flows/${id}/export`);
  }

  importFlow(document: unknown, name?: string): Promise<{ id: string }> {
    return this.request('POST', '/api/flows/import', { document, ...(name ? { name } : {}) });
  }

  publishFlow(id: string, note: string): Promise<{ version: number }> {
    return this.request('POST', `/api/flows/${id}/publish`, { note });
  }

  listVersions(id: string): Promise<{ version: number; note: string }[]> {
    return this.request('GET', `/api/flows/${id}/versions`);
  }

  async deleteFlowsNamed(name: string): Promise<void> {
    for (const flow of await this.listFlows()) {
      if (flow.name === name) await this.request('DELETE', `/api/flows/${flow.id}`);
    }
  }

  /**
   * Turns flow `flowId` on and every other flow off, so only that flow runs on the events a test
   * sends. Created and imported flows start turned off.
   */
  async enableOnly(flowId: string): Promise<void> {
    for (const flow of await this.listFlows()) {
      await this.request('PATCH', `/api/flows/${flow.id}`, { enabled: flow.id === flowId });
    }
  }

  listCredentials(): Promise<{ id: string; name: string; type: string }[]> {
    return this.request('GET', '/api/credentials');
  }

  /** Creates a credential unless one with that name exists. */
  async ensureCredential(name: string, type: string, data: Record<string, unknown>): Promise<void> {
    const existing = await this.listCredentials();
    if (existing.some((credential) => credential.name === name)) return;
    await this.request('POST', '/api/credentials', { name, type, data });
  }

  /** Returns the newest 100 executions of a flow. */
  async listExecutions(flowId: string): Promise<ExecutionSummary[]> {
    const page = await this.request<{ items: ExecutionSummary[] }>(
      'GET',
      `/api/executions?flowId=${encodeURIComponent(flowId)}&limit=100`,
    );
    return page.items;
  }
}

/** The parts of a flow document that the tests read. */
export interface FlowDocumentLike {
  name: string;
  nodes: { id: string; type: string; config: Record<string, unknown>; credential?: string }[];
  edges: { id: string; source: string; sourceHandle?: string; target: string }[];
  credentials: { name: string; type: string }[];
}

/** Creates the GitHub token and Google service-account credentials that point at the test servers. */
export async function createTestServerCredentials(
  api: AdminApi,
  names: { github: string; google: string },
  secrets: { githubToken: string; serviceAccountKey: string },
  urls: { github: string; googleRoot: string },
): Promise<void> {
  await api.ensureCredential(names.github, 'github.token', {
    token: secrets.githubToken,
    baseUrl: urls.github,
  });
  await api.ensureCredential(names.google, 'google.serviceAccount', {
    serviceAccountKey: secrets.serviceAccountKey,
    subject: 'admin@example.com',
    directoryBaseUrl: urls.googleRoot,
    sheetsBaseUrl: urls.googleRoot,
  });
}
