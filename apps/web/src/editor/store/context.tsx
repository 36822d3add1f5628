import { createContext, useContext } from 'react';
import { useStore } from 'zustand';

import type { EditorStore } from './createEditorStore.js';
import type { EditorState } from './types.js';

export const EditorStoreContext = createContext<EditorStore | null>(null);

/** Returns the store of the enclosing editor, for `getState()` reads in event handlers. */
export function useEditorStoreApi(): EditorStore {
  const store = useContext(EditorStoreContext);
  if (!store) {
    throw new Error(
      'useEditorStore was called outside <EditorStoreContext.Provider>. Render the component inside the flow editor, which provides the store.',
    );
  }
  return store;
}

/**
 * Selects from the enclosing editor's store. Select narrowly, and wrap object selectors in
 * `useShallow`, so a component re-renders only when its own slice changes.
 */
export function useEditorStore<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorStoreApi(), selector);
}
