import type { StateCreator } from 'zustand';

import type { EditorState, SelectionSlice } from './types.js';
import { buildCanvasEdges, buildCanvasNodes } from './view.js';

/**
 * Selection and the React Flow change handlers. Moves inside a drag apply live; `endDrag`
 * records them as one step. Removal goes through `deleteSelection` in the editor actions, so
 * React Flow's own remove changes are ignored here.
 */
export const createSelectionSlice: StateCreator<EditorState, [], [], SelectionSlice> = (
  set,
  get,
) => ({
  selectedNodeIds: new Set(),
  selectedEdgeIds: new Set(),
  canvasNodes: [],
  canvasEdges: [],
  focus: null,

  onNodesChange(changes) {
    const state = get();
    let selected: Set<string> | null = null;
    // Built on the first move, so dragging many selected nodes is not a scan per node.
    let nodeIds: Set<string> | null = null;
    const moves: { nodeId: string; position: { x: number; y: number } }[] = [];

    for (const change of changes) {
      if (change.type === 'select') {
        selected ??= new Set(state.selectedNodeIds);
        if (change.selected) selected.add(change.id);
        else selected.delete(change.id);
      } else if (change.type === 'position' && change.position) {
        nodeIds ??= new Set(state.document.nodes.map((node) => node.id));
        if (!nodeIds.has(change.id)) continue;
        moves.push({ nodeId: change.id, position: change.position });
      }
    }

    // Nodes declare their size (see nodeGeometry.ts), so React Flow sends no dimension changes.
    if (selected) {
      set({
        selectedNodeIds: selected,
        canvasNodes: buildCanvasNodes(state.canvasNodes, state.document, selected, state.catalogue),
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
        state.catalogue,
      ),
      canvasEdges: buildCanvasEdges(state.canvasEdges, state.document, selectedEdgeIds),
    });
  },

  clearSelection() {
    get().selectNodes([]);
  },
});
