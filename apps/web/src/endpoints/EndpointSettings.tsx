import { useState } from 'react';

import { useApi } from '../api/context.js';
import { describeError } from '../api/errors.js';
import { queryKeys, useMutation, useQueryClient } from '../api/queries.js';
import type { Endpoint } from '../api/types.js';
import { ConfirmDialog, Dialog } from '../ui/Dialog.js';

/** Renames an endpoint, sets its API key header name, or deletes it after confirmation. */
export function EndpointSettings({
  endpoint,
  onClose,
}: {
  endpoint: Endpoint;
  onClose: () => void;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [name, setName] = useState(endpoint.name);
  const [header, setHeader] = useState(endpoint.auth.apiKey.header);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.endpoints });

  const save = useMutation({
    mutationFn: () =>
      api.updateEndpoint(endpoint.slug, { name: name.trim(), apiKeyHeader: header.trim() }),
    onSuccess: async () => {
      await refresh();
      onClose();
    },
  });
  const remove = useMutation({
    mutationFn: () => api.deleteEndpoint(endpoint.slug),
    onSuccess: async () => {
      await refresh();
      onClose();
    },
  });

  if (confirmDelete) {
    return (
      <ConfirmDialog
        title={`Delete “${endpoint.name}”?`}
        message={
          remove.isError
            ? `Could not delete the endpoint: ${describeError(remove.error)}`
            : `Identity providers that send to ${endpoint.baseUrl} get errors from then on. This cannot be undone.`
        }
        confirmLabel="Delete endpoint"
        danger
        busy={remove.isPending}
        onConfirm={() => remove.mutate()}
        onCancel={() => setConfirmDelete(false)}
      />
    );
  }

  return (
    <Dialog title={`Settings of “${endpoint.name}”`} onClose={onClose}>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <label>
          Name
          <input value={name} onChange={(event) => setName(event.target.value)} required />
        </label>
        <label>
          API key header
          <input
            value={header}
            onChange={(event) => setHeader(event.target.value)}
            required
            placeholder="X-API-Key"
          />
          <span className="help">
            The request header that carries the API key, for clients that use API key auth.
          </span>
        </label>
        {save.isError && (
          <p className="field-error" role="alert">
            Could not save the endpoint: {describeError(save.error)}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
            Delete endpoint
          </button>
          <span className="toolbar-spacer" />
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={save.isPending || !name.trim()}>
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
