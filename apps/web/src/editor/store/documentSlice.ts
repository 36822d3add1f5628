import type { FlowDocument, FlowOperation } from '@scimflow/flow';
import type { StateCreator } from 'zustand';

import type { Catalogue } from '../../catalogue/catalogue.js';
import { apply, batch, isLayoutOnly } from '../history.js';
import type { DocumentSlice, EditorState, HistoryStep } from './types.js';
import { buildCanvasEdges, buildCanvasNodes } from './view.js';

/** Commits with the same merge key closer together than this merge into one undo step. */
const MERGE_WINDOW_MS = 1000;

type Set = Parameters<StateCreator<EditorState>>[0];
type Get = () => EditorState;

/**
 * Stores a new document and refreshes what depends on it: the canvas view, and the problems
 * unless only positions changed.
 */
export function storeDocument(
  set: Set,
  get: Get,
  document: FlowDocument,
  layoutOnly: boolean,
  extra: Partial<EditorState> = {},
): void {
  const state = get();
  const selectedNodeIds = pruneSelection(
    state.selectedNodeIds,
    new Set(document.nodes.map((node) => node.id)),
  );
  const selectedEdgeIds = pruneSelection(
    state.selectedEdgeIds,
    new Set(document.edges.map((edge) => edge.id)),
  );

  set({
    ...extra,
    document,
    revision: state.revision + 1,
    selectedNodeIds,
    selectedEdgeIds,
    canvasNodes: buildCanvasNodes(state.canvasNodes, document, selectedNodeIds, state.catalogue),
    canvasEdges: buildCanvasEdges(state.canvasEdges, document, selectedEdgeIds),
  });

  if (!layoutOnly) get().scheduleRevalidate();
}

export function createDocumentSlice(
  flowId: string,
  initial: FlowDocument,
  catalogue: Catalogue,
): StateCreator<EditorState, [], [], DocumentSlice> {
  return (set, get) => ({
    flowId,
    document: initial,
    catalogue,
    revision: 0,
    savedRevision: 0,

    commit(operation: FlowOperation, options = {}) {
      if (operation.type === 'batch' && operation.operations.length === 0) return;
      const { document, inverse } = apply(get().document, operation);

      const now = Date.now();
      const past = get().past;
      const last = past[past.length - 1];
      const merges =
        options.mergeKey !== undefined &&
        last?.mergeKey === options.mergeKey &&
        now - last.at < MERGE_WINDOW_MS;
      const step: HistoryStep = merges
        ? {
            forward: batch(last.forward, operation),
            inverse: batch(inverse, last.inverse),
            mergeKey: options.mergeKey,
            at: now,
          }
        : { forward: operation, inverse, mergeKey: options.mergeKey, at: now };

      storeDocument(set, get, document, isLayoutOnly(operation), {
        past: merges ? [...past.slice(0, -1), step] : [...past, step],
        future: [],
      });
    },

    applyLive(operation) {
      storeDocument(set, get, apply(get().document, operation).document, isLayoutOnly(operation));
    },

    resetDocument(document) {
      storeDocument(set, get, document, false, { past: [], future: [], dragStart: null });
      get().revalidate();
    },

    markSaved(revision) {
      set({ savedRevision: revision });
    },
  });
}

function pruneSelection(
  selected: ReadonlySet<string>,
  existing: ReadonlySet<string>,
): ReadonlySet<string> {
  for (const id of selected) {
    if (!existing.has(id)) return new Set([...selected].filter((kept) => existing.has(kept)));
  }
  return selected;
}
