import type { IncomingMessage, ServerResponse } from 'node:http';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { ApiClient } from '../api/client.js';
import { ApiContext } from '../api/context.js';
import type { ExecutionSummary } from '../api/types.js';
import {
  sendJson,
  sendNotFound,
  startAdminApiStandIn,
  type AdminApiStandIn,
} from '../test/adminApiStandIn.js';
import { ExecutionsPage } from './ExecutionsPage.js';

const testRun: ExecutionSummary = {
  id: 'x1',
  flowId: 'f1',
  flowName: 'Onboard',
  version: null,
  eventId: 'ev1',
  eventType: 'user.created',
  resource: { type: 'User', id: 'u1', display: 'kim.lee@example.com' },
  endpoint: 'default',
  status: 'succeeded',
  dryRun: true,
  test: true,
  attempts: 1,
  queuedAt: '2026-01-05T09:30:00.000Z',
  startedAt: '2026-01-05T09:30:00.000Z',
  finishedAt: '2026-01-05T09:30:00.400Z',
};

// An admin API stand-in on 127.0.0.1 that, like the server, lists test runs only on `test=true`.
function handle(request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? '/', standIn.baseUrl);
  if (url.pathname === '/api/flows') return sendJson(response, 200, []);
  if (url.pathname === '/api/executions') {
    const items = url.searchParams.get('test') === 'true' ? [testRun] : [];
    return sendJson(response, 200, { items });
  }
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

function renderPage() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <ApiContext.Provider value={new ApiClient({ baseUrl: standIn.baseUrl })}>
      <QueryClientProvider client={queryClient}>
        <ExecutionsPage />
      </QueryClientProvider>
    </ApiContext.Provider>,
  );
}

describe('ExecutionsPage', () => {
  it('switch lists test runs', async () => {
    const user = userEvent.setup();
    renderPage();
    expect(await screen.findByText('No executions match')).toBeInTheDocument();
    expect(standIn.requests.filter((route) => route.includes('test='))).toEqual([]);

    await user.click(screen.getByRole('checkbox', { name: 'Test runs only' }));

    const table = await screen.findByTestId('executions-table');
    const row = within(table).getAllByRole('row')[1]!;
    expect(row).toHaveTextContent('test run');
    expect(row).toHaveTextContent('draft');
    const listed = standIn.requests.filter((route) => route.startsWith('GET /api/executions?'));
    expect(listed.at(-1)).toContain('test=true');
  });

  it('person filter names what it matches', async () => {
    renderPage();

    const filter = await screen.findByRole('searchbox', { name: /Person or group/ });
    expect(filter).toHaveAttribute('placeholder', 'userName, display name or id');
    expect(filter.closest('label')).toHaveClass('filter-resource');
  });
});
