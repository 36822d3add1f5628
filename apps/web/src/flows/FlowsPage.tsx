import { useState } from 'react';

import { useApi } from '../api/context.js';
import { describeError } from '../api/errors.js';
import { useFlows, useInvalidateFlows, useMutation } from '../api/queries.js';
import type { FlowSummary } from '../api/types.js';
import { href, navigate } from '../app/router.js';
import { useCatalogue } from '../catalogue/context.js';
import { ConfirmDialog, Dialog } from '../ui/Dialog.js';
import { EmptyState, ErrorNotice, formatTime, Loading } from '../ui/feedback.js';
import { Icon } from '../ui/icons.js';
import { downloadFlow, newFlowDocument } from './flowFiles.js';
import { ImportDialog } from './ImportDialog.js';

type Dialogs =
  | { name: 'create' }
  | { name: 'import' }
  | { name: 'rename'; flow: FlowSummary }
  | { name: 'delete'; flow: FlowSummary }
  | null;

/** Renders the flows list: create, import, open, rename, duplicate, export, enable and delete. */
export function FlowsPage() {
  const flows = useFlows();
  const [dialog, setDialog] = useState<Dialogs>(null);
  const [actionError, setActionError] = useState<{ title: string; error: unknown } | null>(null);

  return (
    <section aria-labelledby="flows-title">
      <header className="page-header">
        <h1 id="flows-title">Flows</h1>
        <div className="actions">
          <button type="button" onClick={() => setDialog({ name: 'import' })}>
            <Icon name="upload" /> Import
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => setDialog({ name: 'create' })}
            data-testid="create-flow"
          >
            <Icon name="plus" /> New flow
          </button>
        </div>
      </header>

      {actionError && <ErrorNotice title={actionError.title} error={actionError.error} />}
      {flows.isPending && <Loading label="Loading flows…" />}
      {flows.isError && (
        <ErrorNotice
          title="Could not load the flows"
          error={flows.error}
          onRetry={() => void flows.refetch()}
        />
      )}
      {flows.data?.length === 0 && (
        <EmptyState icon="flow" title="No flows yet">
          <p>
            A flow runs on every provisioning event from your identity provider. Create one, or
            import an exported flow.
          </p>
          <button type="button" className="primary" onClick={() => setDialog({ name: 'create' })}>
            Create your first flow
          </button>
        </EmptyState>
      )}
      {flows.data && flows.data.length > 0 && (
        <table className="table" data-testid="flows-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Enabled</th>
              <th scope="col">Published</th>
              <th scope="col">Draft</th>
              <th scope="col">Recent executions</th>
              <th scope="col">Updated</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {flows.data.map((flow) => (
              <FlowRow
                key={flow.id}
                flow={flow}
                onDialog={setDialog}
                onError={(title, error) => setActionError({ title, error })}
              />
            ))}
          </tbody>
        </table>
      )}

      {dialog?.name === 'create' && <CreateFlowDialog onClose={() => setDialog(null)} />}
      {dialog?.name === 'import' && (
        <ImportDialog
          onClose={() => setDialog(null)}
          onImported={(flow) => navigate(`/flows/${flow.id}`)}
        />
      )}
      {dialog?.name === 'rename' && (
        <RenameDialog flow={dialog.flow} onClose={() => setDialog(null)} />
      )}
      {dialog?.name === 'delete' && (
        <DeleteDialog flow={dialog.flow} onClose={() => setDialog(null)} />
      )}
    </section>
  );
}

function FlowRow({
  flow,
  onDialog,
  onError,
}: {
  flow: FlowSummary;
  onDialog: (dialog: Dialogs) => void;
  onError: (title: string, error: unknown) => void;
}) {
  const api = useApi();
  const invalidate = useInvalidateFlows();
  const toggle = useMutation({
    mutationFn: (enabled: boolean) => api.updateFlow(flow.id, { enabled }),
    onSuccess: invalidate,
    onError: (error) => onError(`Could not change “${flow.name}”`, error),
  });
  const duplicate = useMutation({
    mutationFn: () => api.duplicateFlow(flow.id),
    onSuccess: invalidate,
    onError: (error) => onError(`Could not duplicate “${flow.name}”`, error),
  });
  const exportFlow = useMutation({
    mutationFn: () => api.exportFlow(flow.id),
    onSuccess: downloadFlow,
    onError: (error) => onError(`Could not export “${flow.name}”`, error),
  });

  return (
    <tr data-testid={`flow-row-${flow.id}`}>
      <th scope="row">
        <a href={href(`/flows/${flow.id}`)}>{flow.name}</a>
        {flow.description && <div className="muted small">{flow.description}</div>}
      </th>
      <td>
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={flow.enabled}
            disabled={toggle.isPending}
            onChange={(event) => toggle.mutate(event.target.checked)}
            aria-label={`Enable ${flow.name}`}
          />
          <span>{flow.enabled ? 'On' : 'Off'}</span>
        </label>
      </td>
      <td>
        {flow.publishedVersion === null ? (
          <span className="muted">Not published</span>
        ) : (
          `v${flow.publishedVersion}`
        )}
      </td>
      <td>
        {flow.hasDraftChanges ? (
          <span className="pill pill-warning">Unpublished changes</span>
        ) : (
          <span className="muted">Up to date</span>
        )}
      </td>
      <td>
        <span className="execution-dots" aria-label={describeRecent(flow)}>
          {flow.recentExecutions.map((execution) => (
            <a
              key={execution.id}
              href={href(`/executions/${execution.id}`)}
              className={`dot status-${execution.status}`}
              title={`${execution.status} — ${formatTime(execution.startedAt)}`}
            >
              <span className="visually-hidden">{execution.status}</span>
            </a>
          ))}
          {flow.recentExecutions.length === 0 && <span className="muted">None yet</span>}
        </span>
      </td>
      <td>{formatTime(flow.updatedAt)}</td>
      <td className="row-actions">
        <button
          type="button"
          className="icon-button"
          aria-label={`Rename ${flow.name}`}
          title="Rename"
          onClick={() => onDialog({ name: 'rename', flow })}
        >
          ✎
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Duplicate ${flow.name}`}
          title="Duplicate"
          disabled={duplicate.isPending}
          onClick={() => duplicate.mutate()}
        >
          <Icon name="copy" />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Export ${flow.name}`}
          title="Export as JSON"
          onClick={() => exportFlow.mutate()}
        >
          <Icon name="download" />
        </button>
        <button
          type="button"
          className="icon-button danger"
          aria-label={`Delete ${flow.name}`}
          title="Delete"
          onClick={() => onDialog({ name: 'delete', flow })}
        >
          <Icon name="trash" />
        </button>
      </td>
    </tr>
  );
}

function describeRecent(flow: FlowSummary): string {
  if (flow.recentExecutions.length === 0) return 'No executions yet';
  const failed = flow.recentExecutions.filter((execution) => execution.status === 'failed').length;
  return `${flow.recentExecutions.length} recent executions, ${failed} failed`;
}

function CreateFlowDialog({ onClose }: { onClose: () => void }) {
  const api = useApi();
  const catalogue = useCatalogue();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => api.createFlow(newFlowDocument(name.trim(), catalogue)),
    onSuccess: (flow) => navigate(`/flows/${flow.id}`),
  });

  return (
    <Dialog title="New flow" onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate();
        }}
      >
        <label>
          Name
          <input
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder="Onboard engineers"
            required
            maxLength={200}
          />
        </label>
        {create.isError && (
          <p className="field-error" role="alert">
            Could not create the flow: {describeError(create.error)}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={create.isPending || !name.trim()}>
            Create
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function RenameDialog({ flow, onClose }: { flow: FlowSummary; onClose: () => void }) {
  const api = useApi();
  const invalidate = useInvalidateFlows();
  const [name, setName] = useState(flow.name);
  const rename = useMutation({
    mutationFn: () => api.updateFlow(flow.id, { name: name.trim() }),
    onSuccess: () => void invalidate().then(onClose),
  });

  return (
    <Dialog title={`Rename “${flow.name}”`} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          rename.mutate();
        }}
      >
        <label>
          Name
          <input
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            maxLength={200}
          />
        </label>
        {rename.isError && (
          <p className="field-error" role="alert">
            Could not rename the flow: {describeError(rename.error)}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={rename.isPending || !name.trim()}>
            Rename
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteDialog({ flow, onClose }: { flow: FlowSummary; onClose: () => void }) {
  const api = useApi();
  const invalidate = useInvalidateFlows();
  const remove = useMutation({
    mutationFn: () => api.deleteFlow(flow.id),
    onSuccess: () => void invalidate().then(onClose),
  });

  return (
    <ConfirmDialog
      title={`Delete “${flow.name}”?`}
      message={
        remove.isError
          ? `Could not delete the flow: ${describeError(remove.error)}`
          : 'The flow, its draft and its published versions are deleted, and it stops running on provisioning events. This cannot be undone.'
      }
      confirmLabel="Delete flow"
      danger
      busy={remove.isPending}
      onConfirm={() => remove.mutate()}
      onCancel={onClose}
    />
  );
}
