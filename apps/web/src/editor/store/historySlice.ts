import type { FlowOperation } from '@scimflow/flow';
import type { StateCreator } from 'zustand';

import { apply, isLayoutOnly } from '../history.js';
import { storeDocument } from './documentSlice.js';
import type { EditorState, HistorySlice } from './types.js';

/**
 * Undo and redo in gesture-sized steps. Selection and viewport changes never touch these
 * stacks, so selecting a node after an undo keeps redo available.
 */
export const createHistorySlice: StateCreator<EditorState, [], [], HistorySlice> = (set, get) => ({
  past: [],
  future: [],
  dragStart: null,

  undo() {
    const { past, future, document } = get();
    const step = past[past.length - 1];
    if (!step) return;

    const undone = apply(document, step.inverse);
    // The inverse's inverse redoes the step exactly, whatever `forward` merged.
    const redo = { forward: undone.inverse, inverse: step.inverse, at: 0 };
    storeDocument(set, get, undone.document, isLayoutOnly(step.inverse), {
      past: past.slice(0, -1),
      future: [...future, redo],
    });
  },

  redo() {
    const { past, future, document } = get();
    const step = future[future.length - 1];
    if (!step) return;

    const redone = apply(document, step.forward);
    // A redone step never merges with a later commit, so its time is zero.
    storeDocument(set, get, redone.document, isLayoutOnly(step.forward), {
      past: [...past, { forward: step.forward, inverse: redone.inverse, at: 0 }],
      future: future.slice(0, -1),
    });
  },

  beginDrag(nodeIds) {
    const ids = new Set(nodeIds);
    set({
      dragStart: new Map(
        get()
          .document.nodes.filter((node) => ids.has(node.id))
          .map((node) => [node.id, node.position]),
      ),
    });
  },

  endDrag() {
    const start = get().dragStart;
    if (!start) return;
    set({ dragStart: null });

    const forward: { nodeId: string; position: { x: number; y: number } }[] = [];
    const back: { nodeId: string; position: { x: number; y: number } }[] = [];
    for (const node of get().document.nodes) {
      const from = start.get(node.id);
      if (!from || (from.x === node.position.x && from.y === node.position.y)) continue;
      forward.push({ nodeId: node.id, position: node.position });
      back.push({ nodeId: node.id, position: from });
    }
    if (forward.length === 0) return;

    // The document already shows the final positions, so the step is recorded, not applied.
    const step = {
      forward: { type: 'moveNodes', moves: forward } satisfies FlowOperation,
      inverse: { type: 'moveNodes', moves: back } satisfies FlowOperation,
      at: Date.now(),
    };
    set({ past: [...get().past, step], future: [] });
  },
});
