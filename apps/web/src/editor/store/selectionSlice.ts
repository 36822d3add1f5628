import type { StateCreator } from 'zustand';

import type { EditorState, SelectionSlice } from './types.js';
import { buildCanvasEdges, buildCanvasNodes } from './view.js';

/**
 * Selection, measured sizes and the React Flow change handlers. Moves inside a drag apply
 * live; `endDrag` records them as one step. Removal goes through `deleteSelection` in the
 * editor actions, so React Flow's own remove changes are ignored here.
 */
export const createSelectionSlice: StateCreator<EditorState, [], [], SelectionSlice> = (
  set,
  get,
) => ({
  selectedNodeIds: new Set(),
  selectedEdgeIds: new Set(),
  measured: {},
  canvasNodes: [],
  canvasEdges: [],
  focus: null,

  onNodesChange(changes) {
    const state = get();
    let selected: Set<string> | null = null;
    let measured: EditorState['measured'] | null = null;
    const moves: { nodeId: string; position: { x: number; y: number } }[] = [];

    for (const change of changes) {
      if (change.type === 'select') {
        selected ??= new Set(state.selectedNodeIds);
        if (change.selected) selected.add(change.id);
        else selected.delete(change.id);
      } else if (change.type === 'dimensions' && change.dimensions) {
        const current = state.measured[change.id];
        if (
          current?.width === change.dimensions.width &&
          current.height === change.dimensions.height
        )
          continue;
        measured ??= { ...state.measured };
        measured[change.id] = { width: change.dimensions.width, height: change.dimensions.height };
      } else if (change.type === 'position' && change.position) {
        if (!state.document.nodes.some((candidate) => candidate.id === change.id)) continue;
        moves.push({ nodeId: change.id, position: change.position });
      }
    }

    if (selected || measured) {
      const selectedNodeIds = selected ?? state.selectedNodeIds;
      const nextMeasured = measured ?? state.measured;
      set({
        selectedNodeIds,
        measured: nextMeasured,
        canvasNodes: buildCanvasNodes(
          state.canvasNodes,
          state.document,
          selectedNodeIds,
          nextMeasured,
        ),
      });
    }

    if (moves.length === 0) return;
    // Keyboard nudges arrive without a drag gesture; they merge into one step per burst.
    if (get().dragStart) get().applyLive({ type: 'moveNodes', moves });
    else get().commit({ type: 'moveNodes', moves }, { mergeKey: 'nudge' });
  },

  onEdgesChange(changes) {
    const state = get();
    let selected: Set<string> | null = null;
    for (const change of changes) {
      if (change.type !== 'select') continue;
      selected ??= new Set(state.selectedEdgeIds);
      if (change.selected) selected.add(change.id);
      else selected.delete(change.id);
    }
    if (!selected) return;
    set({
      selectedEdgeIds: selected,
      canvasEdges: buildCanvasEdges(state.canvasEdges, state.document, selected),
    });
  },

  selectNodes(nodeIds, field) {
    const state = get();
    const selectedNodeIds = new Set(nodeIds);
    const selectedEdgeIds = new Set<string>();
    const focus = nodeIds[0]
      ? { nodeId: nodeIds[0], field, nonce: (state.focus?.nonce ?? 0) + 1 }
      : null;
    set({
      selectedNodeIds,
      selectedEdgeIds,
      focus,
      canvasNodes: buildCanvasNodes(
        state.canvasNodes,
        state.document,
        selectedNodeIds,
        state.measured,
      ),
      canvasEdges: buildCanvasEdges(state.canvasEdges, state.document, selectedEdgeIds),
    });
  },

  clearSelection() {
    get().selectNodes([]);
  },
});
