import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { ApiClient } from '../api/client.js';
import { ApiContext } from '../api/context.js';
import type { Credential } from '../api/types.js';
import { CredentialsPage } from './CredentialsPage.js';

const IN_USE_MESSAGE =
  'Credential "Hook token" is used by flow "Onboarding" (draft, published version 1), so it was not deleted. To delete it, choose another credential in the draft (or delete the flow), and disable the flow or publish a version without it.';

const hookToken: Credential = {
  id: 'c1',
  name: 'Hook token',
  type: 'http.bearer',
  fields: {},
  secretFields: ['token'],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const workspace: Credential = {
  id: 'c2',
  name: 'Workspace',
  type: 'google.serviceAccount',
  fields: { subject: 'admin@example.com' },
  secretFields: ['serviceAccountKey'],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

// An admin API stand-in on 127.0.0.1 that replies as the server does to a credential in use.
const requests: string[] = [];
let server: Server;
let baseUrl: string;

function json(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function handle(request: IncomingMessage, response: ServerResponse) {
  const route = `${request.method} ${request.url}`;
  requests.push(route);
  if (route === 'GET /api/credentials') return json(response, 200, [hookToken, workspace]);
  if (route === 'DELETE /api/credentials/c1') {
    return json(response, 409, { error: { code: 'credential_in_use', message: IN_USE_MESSAGE } });
  }
  return json(response, 404, {
    error: { code: 'route_not_found', message: `No admin API route ${route}` },
  });
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  requests.length = 0;
});

function renderPage() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <ApiContext.Provider value={new ApiClient({ baseUrl })}>
      <QueryClientProvider client={queryClient}>
        <CredentialsPage />
      </QueryClientProvider>
    </ApiContext.Provider>,
  );
}

describe('CredentialsPage', () => {
  it('shows why a delete was rejected', async () => {
    const user = userEvent.setup();
    renderPage();

    await user.click(await screen.findByRole('button', { name: 'Delete Hook token' }));
    const dialog = await screen.findByTestId('confirm-dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Delete credential' }));

    expect(
      await within(dialog).findByText(`Could not delete the credential: ${IN_USE_MESSAGE}`),
    ).toBeInTheDocument();
    expect(requests).toContain('DELETE /api/credentials/c1');
    expect(screen.getByTestId('credential-row-Hook token')).toBeInTheDocument();
  });

  it('secrets column shows field labels', async () => {
    renderPage();

    const row = await screen.findByTestId('credential-row-Workspace');
    expect(within(row).getByText('Service account key (JSON): set')).toBeInTheDocument();
    expect(within(row).queryByText(/serviceAccountKey/)).not.toBeInTheDocument();
  });

  it('rename explains the flow update', async () => {
    const user = userEvent.setup();
    renderPage();

    const row = await screen.findByTestId('credential-row-Hook token');
    await user.click(within(row).getByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByTestId('credential-dialog');
    expect(within(dialog).queryByRole('status')).not.toBeInTheDocument();

    const name = within(dialog).getByLabelText(/^Name/);
    await user.clear(name);
    await user.type(name, 'Webhook bearer');
    expect(within(dialog).getByRole('status')).toHaveTextContent(
      'Flows that use “Hook token” switch to the new name when you save',
    );
  });
});
