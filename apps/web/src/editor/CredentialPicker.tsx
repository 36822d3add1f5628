import { useState } from 'react';

import { useCredentials } from '../api/queries.js';
import { CredentialDialog } from '../credentials/CredentialDialog.js';
import { setNodeCredential } from './actions.js';
import { useEditorStoreApi } from './store/context.js';

const CREATE_NEW = '__create__';

/** Picks the credential a node uses, from those of the accepted types, or creates one. */
export function CredentialPicker({
  nodeId,
  value,
  types,
  problems,
}: {
  nodeId: string;
  value: string | undefined;
  types: readonly string[];
  problems: readonly string[];
}) {
  const store = useEditorStoreApi();
  const credentials = useCredentials();
  const [creating, setCreating] = useState(false);
  const matching = (credentials.data ?? []).filter((credential) => types.includes(credential.type));
  const id = `credential-${nodeId}`;

  return (
    <div
      className={`field${problems.length ? ' field-invalid' : ''}`}
      data-testid="field-credential"
    >
      <label className="field-label" htmlFor={id}>
        Credential
      </label>
      <select
        id={id}
        value={value ?? ''}
        data-field-path="credential"
        onChange={(event) => {
          if (event.target.value === CREATE_NEW) {
            setCreating(true);
            return;
          }
          const chosen = matching.find((credential) => credential.name === event.target.value);
          setNodeCredential(
            store,
            nodeId,
            chosen ? { name: chosen.name, type: chosen.type } : undefined,
          );
        }}
      >
        <option value="">{credentials.isPending ? 'Loading credentials…' : 'None'}</option>
        {value && !matching.some((credential) => credential.name === value) && (
          <option value={value}>{value} (not found)</option>
        )}
        {matching.map((credential) => (
          <option key={credential.id} value={credential.name}>
            {credential.name}
          </option>
        ))}
        <option value={CREATE_NEW}>Create new…</option>
      </select>
      {credentials.isError && (
        <p className="field-error">Could not load the credentials; reopen the node to retry.</p>
      )}
      {problems.length > 0 && (
        <ul className="field-problems">
          {problems.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      {creating && (
        <CredentialDialog
          types={types}
          onClose={() => setCreating(false)}
          onSaved={(saved) =>
            setNodeCredential(store, nodeId, { name: saved.name, type: saved.type })
          }
        />
      )}
    </div>
  );
}
