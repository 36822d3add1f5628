import { useCallback, useEffect, useRef, useState } from 'react';

import { useApi } from '../api/context.js';
import { queryKeys, useQueryClient } from '../api/queries.js';
import { setLeaveGuard } from '../app/router.js';
import type { EditorStore } from './store/createEditorStore.js';

/** Quiet time after the last edit before the draft autosaves. */
export const AUTOSAVE_DELAY_MS = 1500;

export type SaveStatus =
  | { state: 'saved' }
  | { state: 'unsaved' }
  | { state: 'saving' }
  | { state: 'failed'; error: unknown };

/**
 * Saves the draft after edits settle, and on demand (Ctrl+S). While changes are unsaved,
 * closing the tab and in-app navigation ask first.
 */
export function useDraftSaving(store: EditorStore): {
  status: SaveStatus;
  saveNow: () => Promise<boolean>;
} {
  const api = useApi();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<SaveStatus>({ state: 'saved' });
  const inFlight = useRef<Promise<boolean> | null>(null);

  const saveNow = useCallback(async (): Promise<boolean> => {
    // One save at a time; a save requested meanwhile waits, then saves what changed since.
    if (inFlight.current) await inFlight.current;

    const { revision, savedRevision, document, flowId } = store.getState();
    if (revision === savedRevision) return true;

    setStatus({ state: 'saving' });
    const saving = api.saveDraft(flowId, document).then(
      (flow) => {
        store.getState().markSaved(revision);
        queryClient.setQueryData(queryKeys.flow(flowId), flow);
        void queryClient.invalidateQueries({ queryKey: queryKeys.flows, exact: true });
        setStatus(
          store.getState().revision === revision ? { state: 'saved' } : { state: 'unsaved' },
        );
        return true;
      },
      (error: unknown) => {
        setStatus({ state: 'failed', error });
        return false;
      },
    );
    inFlight.current = saving;
    const saved = await saving;
    inFlight.current = null;
    return saved;
  }, [api, queryClient, store]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.revision === previous.revision || state.revision === state.savedRevision) return;
      setStatus((current) => (current.state === 'saving' ? current : { state: 'unsaved' }));
      clearTimeout(timer);
      timer = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [store, saveNow]);

  useEffect(() => {
    const dirty = () => store.getState().revision !== store.getState().savedRevision;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirty()) return;
      event.preventDefault();
      // Older browsers show the dialog only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    const removeGuard = setLeaveGuard(() =>
      dirty() ? 'This flow has changes that are not saved yet. Leave and lose them?' : null,
    );
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      removeGuard();
    };
  }, [store]);

  return { status, saveNow };
}
