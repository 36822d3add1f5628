import { useState } from 'react';

import { useApi } from '../api/context.js';
import { describeError } from '../api/errors.js';
import { queryKeys, useCredentials, useMutation, useQueryClient } from '../api/queries.js';
import type { Credential } from '../api/types.js';
import { ConfirmDialog } from '../ui/Dialog.js';
import { EmptyState, ErrorNotice, formatTime, Loading } from '../ui/feedback.js';
import { Icon } from '../ui/icons.js';
import { CredentialDialog } from './CredentialDialog.js';
import { credentialForm } from './credentialForms.js';

/** Credentials: create, edit, test and delete. Secrets are never shown. */
export function CredentialsPage() {
  const credentials = useCredentials();
  const [editing, setEditing] = useState<Credential | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Credential | null>(null);

  return (
    <section aria-labelledby="credentials-title">
      <header className="page-header">
        <h1 id="credentials-title">Credentials</h1>
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          <Icon name="plus" /> New credential
        </button>
      </header>
      <p className="muted">
        Secrets are encrypted on the server and write-only here: a stored secret shows as set, and
        typing replaces it.
      </p>

      {credentials.isPending && <Loading label="Loading credentials…" />}
      {credentials.isError && (
        <ErrorNotice
          title="Could not load the credentials"
          error={credentials.error}
          onRetry={() => void credentials.refetch()}
        />
      )}
      {credentials.data?.length === 0 && (
        <EmptyState icon="key" title="No credentials yet">
          <p>
            Connector nodes sign their requests with a credential: a GitHub token or App, a Google
            service account, or HTTP auth.
          </p>
        </EmptyState>
      )}
      {credentials.data && credentials.data.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Secrets</th>
              <th scope="col">Updated</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {credentials.data.map((credential) => (
              <CredentialRow
                key={credential.id}
                credential={credential}
                onEdit={() => setEditing(credential)}
                onDelete={() => setDeleting(credential)}
              />
            ))}
          </tbody>
        </table>
      )}

      {editing && (
        <CredentialDialog
          credential={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
      {deleting && <DeleteCredential credential={deleting} onClose={() => setDeleting(null)} />}
    </section>
  );
}

function CredentialRow({
  credential,
  onEdit,
  onDelete,
}: {
  credential: Credential;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const api = useApi();
  const test = useMutation({ mutationFn: () => api.testCredential(credential.id) });
  const form = credentialForm(credential.type);
  const labelOf = (key: string) => form?.fields.find((field) => field.key === key)?.label ?? key;

  return (
    <tr data-testid={`credential-row-${credential.name}`}>
      <th scope="row">{credential.name}</th>
      <td>{form?.label ?? credential.type}</td>
      <td>
        {credential.secretFields.length > 0 ? (
          credential.secretFields.map((key) => `${labelOf(key)}: set`).join(', ')
        ) : (
          <span className="muted">None</span>
        )}
      </td>
      <td>{formatTime(credential.updatedAt)}</td>
      <td className="row-actions">
        <button type="button" onClick={() => test.mutate()} disabled={test.isPending}>
          {test.isPending ? 'Testing…' : 'Test'}
        </button>
        <button type="button" onClick={onEdit}>
          Edit
        </button>
        <button
          type="button"
          className="icon-button danger"
          aria-label={`Delete ${credential.name}`}
          onClick={onDelete}
        >
          <Icon name="trash" />
        </button>
        {test.data && (
          <p className={test.data.ok ? 'ok' : 'field-error'} role="status">
            {test.data.message}
          </p>
        )}
        {test.isError && (
          <p className="field-error" role="alert">
            The test request failed: {describeError(test.error)}
          </p>
        )}
      </td>
    </tr>
  );
}

function DeleteCredential({
  credential,
  onClose,
}: {
  credential: Credential;
  onClose: () => void;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api.deleteCredential(credential.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.credentials });
      onClose();
    },
  });
  return (
    <ConfirmDialog
      title={`Delete “${credential.name}”?`}
      message={
        remove.isError
          ? `Could not delete the credential: ${describeError(remove.error)}`
          : 'If flows still use this credential, it stays, and the flows that use it are listed here.'
      }
      confirmLabel="Delete credential"
      danger
      busy={remove.isPending}
      onConfirm={() => remove.mutate()}
      onCancel={onClose}
    />
  );
}
