import type { FlowDocument, ProvisioningEvent } from '@scimflow/flow';

import { ApiError, toApiError } from './errors.js';
import type {
  Credential,
  Endpoint,
  EndpointCredentialKind,
  EndpointWithSecrets,
  Execution,
  ExecutionFilters,
  ExecutionPage,
  Flow,
  FlowSummary,
  FlowVersion,
  InboundRequest,
  Problem,
  Sample,
  ServerSettings,
  Session,
} from './types.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiClientOptions {
  /** Origin the `/api` paths are resolved against; empty in the browser (same origin). */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Called once per request that fails with 401, so the app can show the sign-in page. */
  onUnauthorized?: () => void;
}

/**
 * The typed admin API client. Every call the designer makes goes through this class, so a
 * change to the API contract is fixed here. Failures throw {@link ApiError}.
 */
export class ApiClient {
  private csrfToken: string | undefined;
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly onUnauthorized: (() => void) | undefined;

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? '';
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.onUnauthorized = options.onUnauthorized;
  }

  // Session

  async signIn(username: string, password: string): Promise<Session> {
    const session = await this.send<Session>('POST', '/api/session', { username, password });
    this.csrfToken = session.csrfToken;
    return session;
  }

  async getSession(): Promise<Session> {
    const session = await this.send<Session>('GET', '/api/session');
    this.csrfToken = session.csrfToken;
    return session;
  }

  async signOut(): Promise<void> {
    await this.send<void>('DELETE', '/api/session');
    this.csrfToken = undefined;
  }

  // Endpoints

  listEndpoints = () => this.send<Endpoint[]>('GET', '/api/endpoints');
  getEndpoint = (slug: string) => this.send<Endpoint>('GET', `/api/endpoints/${enc(slug)}`);
  createEndpoint = (body: { slug: string; name: string }) =>
    this.send<EndpointWithSecrets>('POST', '/api/endpoints', body);
  updateEndpoint = (slug: string, body: { name?: string; apiKeyHeader?: string }) =>
    this.send<Endpoint>('PATCH', `/api/endpoints/${enc(slug)}`, body);
  deleteEndpoint = (slug: string) => this.send<void>('DELETE', `/api/endpoints/${enc(slug)}`);
  rotateEndpointCredential = (slug: string, kind: EndpointCredentialKind) =>
    this.send<EndpointWithSecrets>(
      'POST',
      `/api/endpoints/${enc(slug)}/credentials/${enc(kind)}/rotate`,
    );
  listInboundRequests = (slug: string, limit = 50) =>
    this.send<InboundRequest[]>('GET', `/api/endpoints/${enc(slug)}/requests${query({ limit })}`);

  // Flows

  listFlows = () => this.send<FlowSummary[]>('GET', '/api/flows');
  getFlow = (id: string) => this.send<Flow>('GET', `/api/flows/${enc(id)}`);
  createFlow = (document: FlowDocument) => this.send<Flow>('POST', '/api/flows', { document });
  saveDraft = (id: string, document: FlowDocument) =>
    this.send<Flow>('PUT', `/api/flows/${enc(id)}/draft`, { document });
  updateFlow = (id: string, body: { enabled?: boolean; name?: string }) =>
    this.send<Flow>('PATCH', `/api/flows/${enc(id)}`, body);
  deleteFlow = (id: string) => this.send<void>('DELETE', `/api/flows/${enc(id)}`);
  duplicateFlow = (id: string) => this.send<Flow>('POST', `/api/flows/${enc(id)}/duplicate`);
  validateFlow = (document: FlowDocument) =>
    this.send<{ problems: Problem[] }>('POST', '/api/flows/validate', { document });
  publishFlow = (id: string, note: string) =>
    this.send<FlowVersion>('POST', `/api/flows/${enc(id)}/publish`, { note });
  listVersions = (id: string) => this.send<FlowVersion[]>('GET', `/api/flows/${enc(id)}/versions`);
  getVersion = (id: string, version: number) =>
    this.send<FlowVersion>('GET', `/api/flows/${enc(id)}/versions/${version}`);
  restoreVersion = (id: string, version: number) =>
    this.send<Flow>('POST', `/api/flows/${enc(id)}/versions/${version}/restore`);
  exportFlow = (id: string) => this.send<FlowDocument>('GET', `/api/flows/${enc(id)}/export`);
  importFlow = (document: unknown, name?: string) =>
    this.send<Flow>(
      'POST',
      '/api/flows/import',
      name === undefined ? { document } : { document, name },
    );
  testRun = (id: string, body: { event?: ProvisioningEvent; sampleId?: string; dryRun: boolean }) =>
    this.send<Execution>('POST', `/api/flows/${enc(id)}/test-run`, body);

  // Samples and credentials

  listSamples = () => this.send<Sample[]>('GET', '/api/samples');
  listCredentials = () => this.send<Credential[]>('GET', '/api/credentials');
  getServerSettings = () => this.send<ServerSettings>('GET', '/api/settings');
  createCredential = (body: { name: string; type: string; data: Record<string, unknown> }) =>
    this.send<Credential>('POST', '/api/credentials', body);
  updateCredential = (id: string, body: { name?: string; data?: Record<string, unknown> }) =>
    this.send<Credential>('PUT', `/api/credentials/${enc(id)}`, body);
  deleteCredential = (id: string) => this.send<void>('DELETE', `/api/credentials/${enc(id)}`);
  testCredential = (id: string) =>
    this.send<{ ok: boolean; message: string }>('POST', `/api/credentials/${enc(id)}/test`);

  // Executions

  listExecutions = (filters: ExecutionFilters = {}) =>
    this.send<ExecutionPage>('GET', `/api/executions${query({ ...filters })}`);
  getExecution = (id: string) => this.send<Execution>('GET', `/api/executions/${enc(id)}`);
  retryExecution = (id: string, fromFailedStep = false) =>
    this.send<Execution>('POST', `/api/executions/${enc(id)}/retry`, { fromFailedStep });

  /** Sends one request; non-GET requests carry the CSRF token from sign-in. */
  private async send<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const request = `${method} ${path.split('?')[0]}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;

    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new ApiError(
        0,
        'network_error',
        `${request} could not reach the server (${reason}).`,
        request,
      );
    }

    if (!response.ok) {
      const error = await toApiError(response, request);
      if (error.isUnauthorized && path !== '/api/session') this.onUnauthorized?.();
      throw error;
    }

    if (response.status === 204) return undefined as T;
    const text = await response.text();
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError(
        response.status,
        'invalid_response',
        `${request} returned a body that is not JSON.`,
        request,
      );
    }
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

/** Builds a query string from the defined, non-empty values. */
function query(values: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
