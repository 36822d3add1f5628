import type { IncomingMessage, ServerResponse } from 'node:http';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ApiClient } from '../api/client.js';
import { ApiContext } from '../api/context.js';
import type { Execution, Step } from '../api/types.js';
import { CatalogueContext } from '../catalogue/context.js';
import {
  sendJson,
  sendNotFound,
  startAdminApiStandIn,
  type AdminApiStandIn,
} from '../test/adminApiStandIn.js';
import { fixtureCatalogue, sampleDocument } from '../test/fixtures.js';
import { StepResult } from './StepResult.js';
import { EditorStoreContext } from './store/context.js';
import { createEditorStore } from './store/createEditorStore.js';
import { TestRunPanel } from './TestRunPanel.js';

const document = sampleDocument({
  nodes: sampleDocument().nodes.map((node) =>
    node.id === 'check' ? { ...node, label: 'Active user?' } : node,
  ),
});

const checkStep: Step = {
  nodeId: 'check',
  nodeType: 'logic.condition',
  status: 'succeeded',
  input: { expression: 'user.active' },
  output: true,
  attempts: 1,
  startedAt: '2026-01-05T09:30:00.000Z',
  finishedAt: '2026-01-05T09:30:00.120Z',
  durationMs: 120,
  requests: [
    {
      attempt: 1,
      method: 'GET',
      url: 'http://127.0.0.1:9/users/kim',
      status: 200,
      durationMs: 40,
      next: 'return',
    },
  ],
  logs: [{ level: 'info', message: 'user is active' }],
};

const testRun: Execution = {
  id: 'x1',
  flowId: 'f1',
  flowName: 'Onboard',
  version: null,
  eventId: 'ev1',
  eventType: 'user.created',
  resource: { type: 'User', id: 'u1', display: 'kim.lee@example.com' },
  status: 'succeeded',
  dryRun: true,
  test: true,
  attempts: 1,
  queuedAt: '2026-01-05T09:30:00.000Z',
  startedAt: '2026-01-05T09:30:00.000Z',
  finishedAt: '2026-01-05T09:30:00.120Z',
  steps: [checkStep],
};

// An admin API stand-in on 127.0.0.1 with no sample events, which the Test run panel loads.
function handle(request: IncomingMessage, response: ServerResponse) {
  if (request.url === '/api/samples') return sendJson(response, 200, []);
  return sendNotFound(request, response);
}

let standIn: AdminApiStandIn;

beforeAll(async () => {
  standIn = await startAdminApiStandIn(handle);
});

afterAll(async () => {
  await standIn.close();
});

function renderAfterRun(children: ReactNode) {
  const store = createEditorStore('f1', document, fixtureCatalogue);
  store.getState().setExecution(testRun);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <ApiContext.Provider value={new ApiClient({ baseUrl: standIn.baseUrl })}>
      <CatalogueContext.Provider value={fixtureCatalogue}>
        <QueryClientProvider client={queryClient}>
          <EditorStoreContext.Provider value={store}>{children}</EditorStoreContext.Provider>
        </QueryClientProvider>
      </CatalogueContext.Provider>
    </ApiContext.Provider>,
  );
}

describe('StepResult', () => {
  it('shows the step requests and logs', () => {
    renderAfterRun(<StepResult nodeId="check" />);

    const requests = screen.getByRole('list', { name: 'HTTP requests' });
    const attempts = within(requests).getAllByRole('listitem');
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toHaveTextContent('GET 200 40 ms · done');
    expect(attempts[0]!.querySelector('.request-url')).toHaveTextContent(
      'http://127.0.0.1:9/users/kim',
    );
    expect(screen.getByRole('list', { name: 'Logs' })).toHaveTextContent('info user is active');
  });
});

describe('TestRunPanel', () => {
  it('names run steps by canvas label', async () => {
    renderAfterRun(<TestRunPanel saveNow={async () => true} onShowNode={() => {}} />);
    await screen.findByText('No samples');

    const step = screen.getByRole('button', { name: /Active user\?/ });
    expect(step).toHaveTextContent('check');
    expect(step).toHaveTextContent('120 ms · 1 HTTP request');
  });
});
