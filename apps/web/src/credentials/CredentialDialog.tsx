import { useState } from 'react';

import { useApi } from '../api/context.js';
import { describeError } from '../api/errors.js';
import { queryKeys, useMutation, useQueryClient } from '../api/queries.js';
import type { Credential } from '../api/types.js';
import { Dialog } from '../ui/Dialog.js';
import { CREDENTIAL_FORMS, credentialForm, credentialPayload } from './credentialForms.js';

interface CredentialDialogProps {
  /** The credential to edit; omitted to create one. */
  credential?: Credential;
  /** Credential types offered when creating, such as the types a node accepts. */
  types?: readonly string[];
  onClose: () => void;
  onSaved?: (credential: Credential) => void;
}

/** Creates or edits a credential. Secrets are write-only: a stored secret shows as set. */
export function CredentialDialog({ credential, types, onClose, onSaved }: CredentialDialogProps) {
  const api = useApi();
  const queryClient = useQueryClient();
  const offered = CREDENTIAL_FORMS.filter((form) => !types || types.includes(form.type));
  const [type, setType] = useState(credential?.type ?? offered[0]?.type ?? '');
  const [name, setName] = useState(credential?.name ?? '');
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      Object.entries(credential?.fields ?? {}).map(([key, value]) => [
        key,
        value === undefined || value === null ? '' : String(value),
      ]),
    ),
  );
  const form = credentialForm(type);
  const renaming =
    credential !== undefined && name.trim() !== '' && name.trim() !== credential.name;

  const save = useMutation({
    mutationFn: () => {
      const data = form ? credentialPayload(form, values) : {};
      return credential
        ? api.updateCredential(credential.id, { name: name.trim(), data })
        : api.createCredential({ name: name.trim(), type, data });
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.credentials });
      onSaved?.(saved);
      onClose();
    },
  });

  return (
    <Dialog
      title={credential ? `Edit “${credential.name}”` : 'New credential'}
      onClose={onClose}
      testId="credential-dialog"
    >
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <label>
          Name
          <input
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            maxLength={200}
            placeholder="GitHub acme-corp"
          />
          {renaming && (
            <span className="help" role="status">
              Flows that use “{credential.name}” switch to the new name when you save: their drafts
              are updated, and published versions keep working.
            </span>
          )}
        </label>
        <label>
          Type
          <select
            value={type}
            disabled={Boolean(credential)}
            onChange={(event) => setType(event.target.value)}
          >
            {(credential
              ? CREDENTIAL_FORMS.filter((candidate) => candidate.type === credential.type)
              : offered
            ).map((candidate) => (
              <option key={candidate.type} value={candidate.type}>
                {candidate.label}
              </option>
            ))}
          </select>
        </label>
        {form && <p className="help">{form.description}</p>}
        {!form && (
          <p className="field-error">Credential type “{type}” is unknown to this designer build.</p>
        )}

        {form?.fields.map((input) => {
          const isSet = Boolean(credential?.secretFields.includes(input.key));
          const placeholder = input.secret && isSet ? 'set — type to replace' : input.placeholder;
          const props = {
            value: values[input.key] ?? '',
            placeholder,
            required: !input.optional && !(input.secret && isSet),
            autoComplete: input.secret ? 'new-password' : 'off',
            onChange: (event: { target: { value: string } }) =>
              setValues({ ...values, [input.key]: event.target.value }),
          };
          return (
            <label key={input.key}>
              {input.label}
              {input.multiline ? (
                <textarea rows={5} className="mono" {...props} />
              ) : (
                <input type={input.secret ? 'password' : 'text'} {...props} />
              )}
              {input.help && <span className="help">{input.help}</span>}
            </label>
          );
        })}

        {save.isError && (
          <p className="field-error" role="alert">
            Could not save the credential: {describeError(save.error)}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="primary"
            disabled={save.isPending || !name.trim() || !form}
          >
            {credential ? 'Save' : 'Create credential'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
