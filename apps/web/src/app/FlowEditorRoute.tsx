import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ComponentType } from 'react';

import { useApi } from '../api/context.js';
import { flowQuery } from '../api/queries.js';
import { ErrorNotice, Loading } from '../ui/feedback.js';

type FlowEditorPage = ComponentType<{ flowId: string }>;

let editorModule: Promise<{ default: FlowEditorPage }> | undefined;

/**
 * Starts loading the editor's chunk (the canvas and its dependencies) unless it is already
 * loading, and returns it. The app calls this early when it opens on a flow, so the download
 * overlaps the session check.
 */
export function loadFlowEditorPage(): Promise<{ default: FlowEditorPage }> {
  editorModule ??= import('../editor/FlowEditorPage.js');
  editorModule.catch(() => {
    // A later attempt, such as the retry button, loads the chunk again.
    editorModule = undefined;
  });
  return editorModule;
}

type LoadState =
  | { status: 'loading' }
  | { status: 'loaded'; page: FlowEditorPage }
  | { status: 'failed'; error: unknown };

/**
 * Renders the flow editor once its chunk has loaded. It waits with a plain loading state instead
 * of `React.lazy` under Suspense, because React 19 keeps a Suspense boundary's content back until
 * 300 ms after it showed the fallback. In a bench/canvas trace, that delayed opening a flow by
 * about 250 ms.
 */
export function FlowEditorRoute({ flowId }: { flowId: string }) {
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const api = useApi();
  const queryClient = useQueryClient();

  // The flow downloads while the editor's chunk loads, and the editor page reads it from the
  // query cache. After a failed prefetch, the page fetches the flow again and shows any error.
  useEffect(() => {
    void queryClient.prefetchQuery(flowQuery(api, flowId));
  }, [api, queryClient, flowId]);

  useEffect(() => {
    let current = true;
    loadFlowEditorPage().then(
      (module) => current && setState({ status: 'loaded', page: module.default }),
      (error: unknown) => current && setState({ status: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  if (state.status === 'loading') return <Loading label="Loading the editor…" />;
  if (state.status === 'failed')
    return (
      <ErrorNotice
        title="Could not load the editor"
        error={state.error}
        onRetry={() => {
          setState({ status: 'loading' });
          setAttempt((count) => count + 1);
        }}
      />
    );
  const Page = state.page;
  return <Page flowId={flowId} />;
}
