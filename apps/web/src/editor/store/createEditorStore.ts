import type { FlowDocument } from '@scimflow/flow';
import { createStore, type StoreApi } from 'zustand/vanilla';

import type { Catalogue } from '../../catalogue/catalogue.js';
import { createDocumentSlice } from './documentSlice.js';
import { createHistorySlice } from './historySlice.js';
import { createProblemsSlice } from './problemsSlice.js';
import { createRunSlice } from './runSlice.js';
import { createSelectionSlice } from './selectionSlice.js';
import type { EditorState } from './types.js';
import { buildCanvasEdges, buildCanvasNodes } from './view.js';

export type EditorStore = StoreApi<EditorState>;

/**
 * Creates the store of one open editor: document, history, selection, problems and test run.
 * The draft is not validated yet: call `flushValidation` once the canvas is drawn.
 */
export function createEditorStore(
  flowId: string,
  document: FlowDocument,
  catalogue: Catalogue,
): EditorStore {
  const store = createStore<EditorState>()((...args) => ({
    ...createDocumentSlice(flowId, document, catalogue)(...args),
    ...createHistorySlice(...args),
    ...createSelectionSlice(...args),
    ...createProblemsSlice(...args),
    ...createRunSlice(...args),
  }));

  const state = store.getState();
  store.setState({
    canvasNodes: buildCanvasNodes([], document, state.selectedNodeIds, catalogue),
    canvasEdges: buildCanvasEdges([], document, state.selectedEdgeIds),
  });
  return store;
}
