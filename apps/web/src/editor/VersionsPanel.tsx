import { useState } from 'react';

import { useApi } from '../api/context.js';
import { describeError } from '../api/errors.js';
import { queryKeys, useMutation, useQueryClient, useVersions } from '../api/queries.js';
import type { FlowVersion } from '../api/types.js';
import { ConfirmDialog } from '../ui/Dialog.js';
import { EmptyState, ErrorNotice, formatTime, Loading } from '../ui/feedback.js';
import { useEditorStoreApi } from './store/context.js';

/** Published versions with who, when and note; a version can be restored into the draft. */
export function VersionsPanel() {
  const api = useApi();
  const store = useEditorStoreApi();
  const queryClient = useQueryClient();
  const flowId = store.getState().flowId;
  const versions = useVersions(flowId);
  const [restoring, setRestoring] = useState<FlowVersion | null>(null);

  const restore = useMutation({
    mutationFn: (version: number) => api.restoreVersion(flowId, version),
    onSuccess: (flow) => {
      store.getState().resetDocument(flow.draft);
      store.getState().markSaved(store.getState().revision);
      queryClient.setQueryData(queryKeys.flow(flowId), flow);
      setRestoring(null);
    },
  });

  if (versions.isPending) return <Loading label="Loading versions…" />;
  if (versions.isError)
    return (
      <ErrorNotice
        title="Could not load the versions"
        error={versions.error}
        onRetry={() => void versions.refetch()}
      />
    );
  if (versions.data.length === 0) {
    return (
      <EmptyState icon="clock" title="Not published yet">
        <p>
          Publish the draft to make it run on provisioning events. Each publish adds a version here.
        </p>
      </EmptyState>
    );
  }

  return (
    <section aria-label="Versions" data-testid="versions-panel">
      <ol className="version-list">
        {[...versions.data]
          .sort((a, b) => b.version - a.version)
          .map((version) => (
            <li key={version.version}>
              <div>
                <strong>v{version.version}</strong>{' '}
                <span className="muted small">
                  {formatTime(version.publishedAt)} by {version.publishedBy}
                </span>
              </div>
              {version.note ? <p>{version.note}</p> : <p className="muted">No note</p>}
              <button type="button" onClick={() => setRestoring(version)}>
                Restore into draft
              </button>
            </li>
          ))}
      </ol>
      {restoring && (
        <ConfirmDialog
          title={`Restore v${restoring.version} into the draft?`}
          message={
            restore.isError
              ? `Could not restore: ${describeError(restore.error)}`
              : 'The draft is replaced by this version, and undo history starts over. Published versions stay as they are.'
          }
          confirmLabel="Restore"
          busy={restore.isPending}
          onConfirm={() => restore.mutate(restoring.version)}
          onCancel={() => setRestoring(null)}
        />
      )}
    </section>
  );
}
