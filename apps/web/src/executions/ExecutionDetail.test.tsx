import type { IncomingMessage, ServerResponse } from 'node:http';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { ApiClient } from '../api/client.js';
import { ApiContext } from '../api/context.js';
import type { Execution, Flow, FlowVersion, Step } from '../api/types.js';
import { CatalogueContext } from '../catalogue/context.js';
import {
  sendJson,
  sendNotFound,
  startAdminApiStandIn,
  type AdminApiStandIn,
} from '../test/adminApiStandIn.js';
import { fixtureCatalogue, sampleDocument } from '../test/fixtures.js';
import { ExecutionDetail } from './ExecutionDetail.js';

const document = sampleDocument({
  nodes: [
    ...sampleDocument().nodes,
    {
      id: 'notify',
      type: 'http.request',
      position: { x: 0, y: 240 },
      label: 'Notify HR',
      config: { method: 'POST', url: 'http://127.0.0.1:9/hooks' },
    },
  ],
});

const triggerStep: Step = {
  nodeId: 'trigger',
  nodeType: 'scim.trigger',
  status: 'succeeded',
  input: {},
  output: { type: 'user.created' },
  attempts: 1,
  startedAt: '2026-01-05T09:30:00.000Z',
  finishedAt: '2026-01-05T09:30:00.010Z',
  durationMs: 10,
  requests: [],
  logs: [],
};

const notifyStep: Step = {
  nodeId: 'notify',
  nodeType: 'http.request',
  status: 'failed',
  input: { method: 'POST', url: 'http://127.0.0.1:9/hooks' },
  output: null,
  error: { message: 'Node "notify": POST returned 500', code: 'http_status' },
  attempts: 2,
  startedAt: '2026-01-05T09:30:00.010Z',
  finishedAt: '2026-01-05T09:30:02.100Z',
  durationMs: 2090,
  requests: [
    {
      attempt: 1,
      method: 'POST',
      url: 'http://127.0.0.1:9/hooks',
      error: 'connect ECONNREFUSED 127.0.0.1:9',
      durationMs: 3,
      next: 'retry',
      delayMs: 1200,
    },
    {
      attempt: 2,
      method: 'POST',
      url: 'http://127.0.0.1:9/hooks',
      status: 500,
      durationMs: 85,
      next: 'giveUp',
    },
  ],
  logs: [{ level: 'warn', message: 'hook answered 500', fields: { attempt: 2 } }],
};

// A step of a node that a later draft deleted.
const removedStep: Step = { ...triggerStep, nodeId: 'old_webhook', nodeType: 'http.request' };

function execution(overrides: Partial<Execution>): Execution {
  return {
    id: 'x1',
    flowId: 'f1',
    flowName: 'Onboard',
    version: null,
    eventId: 'ev1',
    eventType: 'user.created',
    resource: { type: 'User', id: 'u1', display: 'kim.lee@example.com' },
    endpoint: 'default',
    status: 'failed',
    dryRun: false,
    test: true,
    attempts: 1,
    queuedAt: '2026-01-05T09:30:00.000Z',
    startedAt: '2026-01-05T09:30:00.000Z',
    finishedAt: '2026-01-05T09:30:02.100Z',
    dialect: 'asgardeo-scim2',
    steps: [triggerStep, notifyStep, removedStep],
    ...overrides,
  };
}

const executions: Record<string, Execution> = {
  testRun: execution({ id: 'testRun' }),
  published: execution({ id: 'published', version: 3, test: false }),
  orphan: execution({ id: 'orphan', flowId: 'gone', version: 1, test: false }),
};

const draft: Flow = {
  id: 'f1',
  enabled: false,
  draft: document,
  publishedVersion: 3,
  hasDraftChanges: false,
  updatedAt: '2026-01-05T09:00:00.000Z',
};

const version3: FlowVersion = {
  version: 3,
  note: '',
  publishedBy: 'admin',
  publishedAt: '2026-01-05T09:00:00.000Z',
  document: sampleDocument({
    nodes: document.nodes.map((node) =>
      node.id === 'notify' ? { ...node, label: 'Notify HR (v3)' } : node,
    ),
  }),
};

// An admin API stand-in on 127.0.0.1 that returns the executions above, the draft of flow f1 and
// its version 3, and 404 for the deleted flow `gone`.
function handle(request: IncomingMessage, response: ServerResponse) {
  const route = `${request.method} ${request.url}`;
  const executionId = /^GET \/api\/executions\/(\w+)$/.exec(route)?.[1];
  if (executionId && executions[executionId]) {
    return sendJson(response, 200, executions[executionId]);
  }
  if (route === 'GET /api/flows/f1') return sendJson(response, 200, draft);
  if (route === 'GET /api/flows/f1/versions/3') return sendJson(response, 200, version3);
  return sendNotFound(request, response);
}

let standIn: AdminApiStandIn;

beforeAll(async () => {
  standIn = await startAdminApiStandIn(handle);
});

afterAll(async () => {
  await standIn.close();
});

beforeEach(() => {
  standIn.requests.length = 0;
});

function renderDetail(executionId: string) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <ApiContext.Provider value={new ApiClient({ baseUrl: standIn.baseUrl })}>
      <CatalogueContext.Provider value={fixtureCatalogue}>
        <QueryClientProvider client={queryClient}>
          <ExecutionDetail executionId={executionId} />
        </QueryClientProvider>
      </CatalogueContext.Provider>
    </ApiContext.Provider>,
  );
}

function stepItem(name: string): HTMLElement {
  const steps = within(screen.getByRole('list', { name: 'Steps' })).getAllByRole('listitem');
  const found = steps.find((step) => step.querySelector('strong')?.textContent === name);
  if (!found) throw new Error(`No step named "${name}" in the timeline`);
  return found;
}

describe('ExecutionDetail', () => {
  it('test run offers no retry', async () => {
    renderDetail('testRun');

    expect(await screen.findByTestId('test-run-notice')).toHaveTextContent(
      "test run of the flow's draft",
    );
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('test run');
    expect(screen.getByText(/test run of the draft/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Retry/ })).not.toBeInTheDocument();
  });

  it('failed published run offers retries', async () => {
    renderDetail('published');

    expect(
      await screen.findByRole('button', { name: 'Retry from the failed step' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry from the start' })).toBeInTheDocument();
    expect(screen.queryByTestId('test-run-notice')).not.toBeInTheDocument();
    expect(screen.getByText(/version 3/)).toBeInTheDocument();
  });

  it('test run names steps by draft labels', async () => {
    renderDetail('testRun');

    const notify = await screen.findByText('Notify HR');
    expect(notify.tagName).toBe('STRONG');
    expect(within(stepItem('Notify HR')).getByText('notify')).toHaveClass('step-node-id');
    // A node without its own label shows its type's label, as the canvas does.
    expect(stepItem('SCIM event')).toBeInTheDocument();
    expect(stepItem('old_webhook').querySelector('.step-node-id')).toBeNull();
    expect(standIn.requests).toContain('GET /api/flows/f1');
    expect(standIn.requests).not.toContain('GET /api/flows/f1/versions/3');
  });

  it('published run names steps by its version', async () => {
    renderDetail('published');

    expect(await screen.findByText('Notify HR (v3)')).toBeInTheDocument();
    expect(standIn.requests).toContain('GET /api/flows/f1/versions/3');
    expect(standIn.requests).not.toContain('GET /api/flows/f1');
  });

  it('deleted flow falls back to ids', async () => {
    renderDetail('orphan');

    await screen.findByText('notify');
    await waitFor(() => expect(standIn.requests).toContain('GET /api/flows/gone/versions/1'));
    expect(stepItem('notify').querySelector('.step-node-id')).toBeNull();
    expect(stepItem('trigger')).toBeInTheDocument();
  });

  it('step lists HTTP attempts and logs', async () => {
    renderDetail('testRun');
    await screen.findByText('Notify HR');

    const table = within(stepItem('Notify HR')).getByRole('table', { name: 'HTTP requests' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);

    const first = within(rows[0]!)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(first).toEqual([
      '1',
      'POST',
      'http://127.0.0.1:9/hooks',
      'connect ECONNREFUSED 127.0.0.1:9',
      '3 ms',
      'retried after 1.2 s',
    ]);
    const second = within(rows[1]!)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(second).toEqual(['2', 'POST', 'http://127.0.0.1:9/hooks', '500', '85 ms', 'gave up']);

    const logs = within(stepItem('Notify HR')).getByRole('list', { name: 'Logs' });
    expect(logs).toHaveTextContent('warn hook answered 500 {"attempt":2}');
  });

  it('step without requests has no table', async () => {
    renderDetail('testRun');
    await screen.findByText('Notify HR');

    expect(within(stepItem('SCIM event')).queryByRole('table')).not.toBeInTheDocument();
    expect(
      within(stepItem('SCIM event')).queryByRole('list', { name: 'Logs' }),
    ).not.toBeInTheDocument();
  });
});
