import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';

import { copySelection, deleteSelection, paste, type Clipboard } from './actions.js';
import type { EditorStore } from './store/createEditorStore.js';

/** Keyboard shortcuts of the editor, also listed in the help panel. */
export const SHORTCUTS: { keys: string; action: string }[] = [
  { keys: 'Ctrl+Z', action: 'Undo' },
  { keys: 'Ctrl+Shift+Z or Ctrl+Y', action: 'Redo' },
  { keys: 'Ctrl+S', action: 'Save the draft now' },
  { keys: 'Ctrl+C / Ctrl+V', action: 'Copy and paste the selected nodes' },
  { keys: 'Ctrl+D', action: 'Duplicate the selected nodes' },
  { keys: 'Ctrl+A', action: 'Select every node' },
  { keys: 'Delete or Backspace', action: 'Delete the selection' },
  { keys: 'Shift+drag', action: 'Select a rectangle of nodes' },
  { keys: 'Ctrl+click', action: 'Add a node to the selection' },
  { keys: 'Arrow keys', action: 'Move the selected nodes' },
  { keys: 'Ctrl+Shift+F', action: 'Fit the flow to the screen' },
  { keys: 'Escape', action: 'Clear the selection' },
  { keys: '?', action: 'Show this list' },
];

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Binds the editor's keyboard shortcuts while the editor is mounted. */
export function useShortcuts(
  store: EditorStore,
  actions: { save: () => void; toggleHelp: () => void },
): void {
  const clipboard = useRef<Clipboard | null>(null);
  const { fitView } = useReactFlow();
  const latest = useRef(actions);
  latest.current = actions;

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();

      if (mod && key === 's') {
        event.preventDefault();
        latest.current.save();
        return;
      }
      // Text fields keep their own undo, copy and delete.
      if (isEditable(event.target)) return;
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;

      const state = store.getState();
      if (mod && key === 'z') {
        event.preventDefault();
        if (event.shiftKey) state.redo();
        else state.undo();
      } else if (mod && key === 'y') {
        event.preventDefault();
        state.redo();
      } else if (mod && key === 'c') {
        clipboard.current = copySelection(store) ?? clipboard.current;
      } else if (mod && key === 'v' && clipboard.current) {
        event.preventDefault();
        paste(store, clipboard.current);
        // A second paste lands offset from the first.
        const pasted = copySelection(store);
        if (pasted) clipboard.current = pasted;
      } else if (mod && key === 'd') {
        event.preventDefault();
        const copied = copySelection(store);
        if (copied) paste(store, copied);
      } else if (mod && key === 'a') {
        event.preventDefault();
        state.selectNodes(state.document.nodes.map((node) => node.id));
      } else if (mod && event.shiftKey && key === 'f') {
        event.preventDefault();
        void fitView({ duration: 200 });
      } else if (key === 'delete' || key === 'backspace') {
        event.preventDefault();
        deleteSelection(store);
      } else if (key === 'escape') {
        state.clearSelection();
      } else if (event.key === '?') {
        latest.current.toggleHelp();
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, fitView]);
}
