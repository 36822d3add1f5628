import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';

import { ApiClient } from '../api/client.js';
import { ApiContext } from '../api/context.js';
import { ApiError } from '../api/errors.js';
import type { Session } from '../api/types.js';
import { CredentialsPage } from '../credentials/CredentialsPage.js';
import { EndpointsPage } from '../endpoints/EndpointsPage.js';
import { ExecutionDetail } from '../executions/ExecutionDetail.js';
import { ExecutionsPage } from '../executions/ExecutionsPage.js';
import { FlowsPage } from '../flows/FlowsPage.js';
import { ErrorNotice, Loading } from '../ui/feedback.js';
import { FlowEditorRoute, loadFlowEditorPage } from './FlowEditorRoute.js';
import { Layout } from './Layout.js';
import { parseRoute, useRoute, type Route } from './router.js';
import { SignIn } from './SignIn.js';

type SessionState =
  | { status: 'checking' }
  | { status: 'signedOut'; expired: boolean }
  | { status: 'signedIn'; session: Session }
  | { status: 'failed'; error: unknown };

/** The designer: session gate, layout and pages. */
export function App({ baseUrl = '' }: { baseUrl?: string }) {
  const [sessionState, setSessionState] = useState<SessionState>({ status: 'checking' });
  const queryClient = useMemo(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            retry: (count, error) =>
              !(error instanceof ApiError && error.status < 500 && error.status > 0) && count < 2,
          },
        },
      }),
    [],
  );
  const api = useMemo(
    () =>
      new ApiClient({
        baseUrl,
        onUnauthorized: () => {
          queryClient.clear();
          setSessionState({ status: 'signedOut', expired: true });
        },
      }),
    [baseUrl, queryClient],
  );

  const checkSession = () => {
    setSessionState({ status: 'checking' });
    api.getSession().then(
      (session) => setSessionState({ status: 'signedIn', session }),
      (error) =>
        setSessionState(
          error instanceof ApiError && error.status === 401
            ? { status: 'signedOut', expired: false }
            : { status: 'failed', error },
        ),
    );
  };
  useEffect(checkSession, [api]);

  // When the app opens on a flow, the editor's chunk downloads while the session is checked.
  useEffect(() => {
    if (parseRoute(window.location.hash).name === 'flow') void loadFlowEditorPage();
  }, []);

  async function signOut() {
    await api.signOut().catch(() => undefined);
    queryClient.clear();
    setSessionState({ status: 'signedOut', expired: false });
  }

  return (
    <ApiContext.Provider value={api}>
      <QueryClientProvider client={queryClient}>
        {sessionState.status === 'checking' && <Loading label="Checking your session…" />}
        {sessionState.status === 'failed' && (
          <main className="page">
            <ErrorNotice
              title="Could not check your session"
              error={sessionState.error}
              onRetry={checkSession}
            />
          </main>
        )}
        {sessionState.status === 'signedOut' && (
          <SignIn
            expired={sessionState.expired}
            onSignedIn={(session) => setSessionState({ status: 'signedIn', session })}
          />
        )}
        {sessionState.status === 'signedIn' && (
          <SignedIn user={sessionState.session.user} onSignOut={signOut} />
        )}
      </QueryClientProvider>
    </ApiContext.Provider>
  );
}

function SignedIn({ user, onSignOut }: { user: Session['user']; onSignOut: () => void }) {
  const route = useRoute();
  return (
    <Layout route={route} user={user} onSignOut={onSignOut}>
      <Page route={route} />
    </Layout>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'flows':
      return <FlowsPage />;
    case 'flow':
      return <FlowEditorRoute key={route.flowId} flowId={route.flowId} />;
    case 'executions':
      return <ExecutionsPage initialFlowId={route.flowId} />;
    case 'execution':
      return <ExecutionDetail key={route.executionId} executionId={route.executionId} />;
    case 'endpoints':
      return <EndpointsPage />;
    case 'credentials':
      return <CredentialsPage />;
    case 'notFound':
      return (
        <div className="empty-state">
          <h2>Page not found</h2>
          <p>
            Nothing lives at <code>{route.path}</code>. <a href="#/flows">Go to the flows</a>.
          </p>
        </div>
      );
    default:
      return route satisfies never;
  }
}
