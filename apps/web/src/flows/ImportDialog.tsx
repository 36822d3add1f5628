import { useState, type DragEvent } from 'react';

import { useApi } from '../api/context.js';
import { ApiError, describeError } from '../api/errors.js';
import type { Flow, Problem } from '../api/types.js';
import { useCatalogue } from '../catalogue/context.js';
import { Dialog } from '../ui/Dialog.js';
import { ProblemList } from '../ui/ProblemList.js';
import { readFlowFile } from './flowFiles.js';

type Stage =
  | { name: 'pick' }
  | { name: 'invalid'; problems: Problem[]; fileName: string }
  | { name: 'nameTaken'; document: unknown; suggestion: string };

/** Imports a flow from a `.json` file picked or dropped; nothing is saved when it is invalid. */
export function ImportDialog({
  onClose,
  onImported,
}: {
  onClose: () => void;
  onImported: (flow: Flow) => void;
}) {
  const api = useApi();
  const catalogue = useCatalogue();
  const [stage, setStage] = useState<Stage>({ name: 'pick' });
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [rename, setRename] = useState('');

  async function send(document: unknown, name?: string) {
    setBusy(true);
    setError(null);
    try {
      onImported(await api.importFlow(document, name));
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'flow_name_taken') {
        const base = name ?? (document as { name?: string }).name ?? 'Imported flow';
        setRename(`${base} (imported)`);
        setStage({ name: 'nameTaken', document, suggestion: base });
      } else if (caught instanceof ApiError && caught.problems.length > 0) {
        setStage({ name: 'invalid', problems: caught.problems, fileName: 'the file' });
      } else {
        setError(`Import failed: ${describeError(caught)}`);
      }
    } finally {
      setBusy(false);
    }
  }

  async function readFile(file: File) {
    const result = readFlowFile(await file.text(), catalogue);
    if (!result.ok) {
      setStage({ name: 'invalid', problems: result.problems, fileName: file.name });
      return;
    }
    await send(result.document);
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void readFile(file);
  }

  return (
    <Dialog title="Import a flow" onClose={onClose} testId="import-dialog">
      {stage.name !== 'nameTaken' && (
        <div
          className={`drop-zone${dragging ? ' drop-zone-active' : ''}`}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="import-drop-zone"
        >
          <p>Drop an exported flow (.json) here, or</p>
          <label className="button">
            Choose a file
            <input
              type="file"
              accept="application/json,.json"
              className="visually-hidden"
              disabled={busy}
              onChange={(event) => event.target.files?.[0] && void readFile(event.target.files[0])}
              data-testid="import-file"
            />
          </label>
        </div>
      )}

      {stage.name === 'invalid' && (
        <div role="alert">
          <p className="field-error">
            {stage.fileName} is not a valid flow, so nothing was imported. Fix these problems and
            try again:
          </p>
          <ProblemList problems={stage.problems} />
        </div>
      )}

      {stage.name === 'nameTaken' && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void send(stage.document, rename.trim());
          }}
        >
          <p>
            A flow named “{stage.suggestion}” already exists. Import this one under another name:
          </p>
          <label>
            New name
            <input
              value={rename}
              onChange={(event) => setRename(event.target.value)}
              required
              autoFocus
            />
          </label>
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={busy || !rename.trim()}>
              Import as “{rename.trim()}”
            </button>
          </div>
        </form>
      )}

      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
