import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { FlowDocument, FlowEdge, FlowNode, ProvisioningEvent } from '@scimflow/flow';
import { createHttpClient, type ResolvedCredential } from '@scimflow/nodes';

import type { ExecutionInput, HttpClientFactory, Journal } from '../src/index.js';

/** A request the test API server received. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** A response the test API server sends for a path; the request is passed for echoing. */
export type Responder = (
  request: ReceivedRequest,
  count: number,
) => { status: number; body?: unknown };

/** A local JSON API on 127.0.0.1 that records every request and responds per path. */
export interface TestApi {
  url: string;
  requests: ReceivedRequest[];
  respond(path: string, responder: Responder): void;
  countOf(path: string): number;
  close(): Promise<void>;
}

/** Starts a TestApi on an ephemeral port; unknown paths return 201 with `{ ok: true }`. */
export async function startTestApi(): Promise<TestApi> {
  const requests: ReceivedRequest[] = [];
  const responders = new Map<string, Responder>();

  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const path = new URL(incoming.url ?? '/', 'http://127.0.0.1').pathname;
      const request = {
        method: incoming.method ?? 'GET',
        path,
        headers: incoming.headers,
        body: text ? JSON.parse(text) : undefined,
      };
      requests.push(request);

      const count = requests.filter((entry) => entry.path === path).length;
      const response = responders.get(path)?.(request, count) ?? {
        status: 201,
        body: { ok: true },
      };
      outgoing.writeHead(response.status, { 'content-type': 'application/json' });
      outgoing.end(JSON.stringify(response.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respond: (path, responder) => responders.set(path, responder),
    countOf: (path) => requests.filter((entry) => entry.path === path).length,
    close: () =>
      new Promise((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ),
  };
}

/** The retrying client with short backoff, so retried requests keep the tests fast. */
export const fastHttpClient: HttpClientFactory = (options) =>
  createHttpClient({ ...options, baseDelayMs: 5, maxDelayMs: 50 });

/** Builds a user.created event; `overrides.user` replaces the whole user. */
export function userEvent(overrides: Partial<ProvisioningEvent> = {}): ProvisioningEvent {
  return {
    id: 'evt_1',
    type: 'user.created',
    endpoint: 'asgardeo',
    dialect: 'asgardeo-scim2',
    acceptedAt: '2026-12-04T10:00:00.000Z',
    resourceType: 'User',
    resourceId: 'u-1',
    user: {
      userName: 'kim@example.com',
      title: 'Engineer',
      name: { givenName: 'Kim', familyName: 'Lee' },
      emails: [{ value: 'kim@example.com', primary: true }],
      active: true,
    },
    before: null,
    after: null,
    changes: [],
    ...overrides,
  };
}

/** Returns a node at the origin. */
export function node(
  id: string,
  type: string,
  config: Record<string, unknown> = {},
  extra: Partial<FlowNode> = {},
): FlowNode {
  return { id, type, position: { x: 0, y: 0 }, config, ...extra };
}

/** Returns an edge `source --port--> target`. */
export function edge(source: string, target: string, sourceHandle = 'out'): FlowEdge {
  return { id: `${source}-${sourceHandle}-${target}`, source, sourceHandle, target };
}

/** Returns a flow document whose first node is a user.created trigger named `trigger`. */
export function flow(nodes: FlowNode[], edges: FlowEdge[]): FlowDocument {
  return {
    formatVersion: 1,
    name: 'Test flow',
    description: '',
    credentials: [],
    nodes: [node('trigger', 'scim.trigger', { eventTypes: ['user.created'] }), ...nodes],
    edges,
  };
}

/** Returns an HTTP request node that POSTs a JSON body to a path of the test API. */
export function post(
  id: string,
  api: TestApi,
  path: string,
  body: unknown = {},
  extra: Partial<FlowNode> = {},
): FlowNode {
  return node(id, 'http.request', { method: 'POST', url: `${api.url}${path}`, body }, extra);
}

/** Builds an ExecutionInput with a journal, the fast client and the given credentials. */
export function executionInput(
  document: FlowDocument,
  journal: Journal,
  overrides: Partial<ExecutionInput> = {},
  credentials: ResolvedCredential[] = [],
): ExecutionInput {
  return {
    executionId: 'exec_1',
    document,
    event: userEvent(),
    journal,
    createHttpClient: fastHttpClient,
    resolveCredential: async (name) => credentials.find((credential) => credential.name === name),
    ...overrides,
  };
}
