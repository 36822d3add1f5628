import { useReactFlow } from '@xyflow/react';
import { useState } from 'react';

import { describeError } from '../api/errors.js';
import { Icon } from '../ui/icons.js';
import { downloadFlow } from '../flows/flowFiles.js';
import { layoutOperation } from './layout.js';
import { useEditorStore, useEditorStoreApi } from './store/context.js';
import type { SaveStatus } from './useDraftSaving.js';

interface ToolbarProps {
  status: SaveStatus;
  onSave: () => void;
  onPublish: () => void;
  onHelp: () => void;
}

/** Renders the editor's toolbar: flow name, save state, undo and redo, layout, export, publish. */
export function Toolbar({ status, onSave, onPublish, onHelp }: ToolbarProps) {
  const store = useEditorStoreApi();
  const { fitView } = useReactFlow();
  const name = useEditorStore((state) => state.document.name);
  const canUndo = useEditorStore((state) => state.past.length > 0);
  const canRedo = useEditorStore((state) => state.future.length > 0);
  const errorCount = useEditorStore(
    (state) => state.problems.filter((problem) => problem.severity === 'error').length,
  );
  const [layoutError, setLayoutError] = useState<string | null>(null);

  async function autoLayout() {
    setLayoutError(null);
    try {
      const { document, commit } = store.getState();
      const operation = await layoutOperation(document);
      if (operation.type === 'moveNodes' && operation.moves.length === 0) return;
      commit(operation);
      requestAnimationFrame(() => void fitView({ duration: 300 }));
    } catch (error) {
      setLayoutError(`Automatic layout failed: ${describeError(error)}`);
    }
  }

  return (
    <div className="toolbar" role="toolbar" aria-label="Flow editor">
      <a href="#/flows" className="icon-button" aria-label="Back to flows" title="Back to flows">
        ←
      </a>
      <label className="flow-name">
        <span className="visually-hidden">Flow name</span>
        <input
          value={name}
          maxLength={200}
          onChange={(event) =>
            store
              .getState()
              .commit({ type: 'updateFlow', name: event.target.value }, { mergeKey: 'flow.name' })
          }
          data-testid="flow-name"
        />
      </label>
      <SaveIndicator status={status} />
      <span className="toolbar-separator" />
      <button
        type="button"
        className="icon-button"
        onClick={() => store.getState().undo()}
        disabled={!canUndo}
        aria-label="Undo"
        title="Undo (Ctrl+Z)"
      >
        <Icon name="undo" />
      </button>
      <button
        type="button"
        className="icon-button"
        onClick={() => store.getState().redo()}
        disabled={!canRedo}
        aria-label="Redo"
        title="Redo (Ctrl+Shift+Z)"
      >
        <Icon name="redo" />
      </button>
      <button
        type="button"
        className="icon-button"
        onClick={() => void autoLayout()}
        aria-label="Arrange automatically"
        title="Arrange automatically"
      >
        <Icon name="layout" />
      </button>
      <button
        type="button"
        className="icon-button"
        onClick={() => void fitView({ duration: 200 })}
        aria-label="Fit view"
        title="Fit view (Ctrl+Shift+F)"
      >
        <Icon name="fit" />
      </button>
      <button
        type="button"
        className="icon-button"
        onClick={() => downloadFlow(store.getState().document)}
        aria-label="Export as JSON"
        title="Export as JSON"
      >
        <Icon name="download" />
      </button>
      <button
        type="button"
        className="icon-button"
        onClick={onHelp}
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
      >
        <Icon name="help" />
      </button>
      {layoutError && (
        <span className="field-error" role="alert">
          {layoutError}
        </span>
      )}
      <span className="toolbar-spacer" />
      <button
        type="button"
        onClick={onSave}
        disabled={status.state === 'saved' || status.state === 'saving'}
        title="Save (Ctrl+S)"
      >
        <Icon name="save" /> Save
      </button>
      <button
        type="button"
        className="primary"
        onClick={onPublish}
        data-testid="publish"
        title={errorCount ? `Fix ${errorCount} errors before publishing` : 'Publish the draft'}
      >
        Publish
      </button>
    </div>
  );
}

function SaveIndicator({ status }: { status: SaveStatus }) {
  const text = {
    saved: 'All changes saved',
    unsaved: 'Unsaved changes',
    saving: 'Saving…',
    failed: 'Save failed',
  }[status.state];
  return (
    <span
      className={`save-status save-${status.state}`}
      role="status"
      aria-live="polite"
      title={status.state === 'failed' ? describeError(status.error) : undefined}
      data-testid="save-status"
    >
      {text}
      {status.state === 'failed' && `: ${describeError(status.error)}`}
    </span>
  );
}
