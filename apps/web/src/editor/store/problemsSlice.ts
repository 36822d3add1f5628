import type { StateCreator } from 'zustand';

import { validateDraft } from '../validate.js';
import type { EditorState, ProblemsSlice } from './types.js';

/** Validation problems of the draft, recomputed after every change that is not a move. */
export const createProblemsSlice: StateCreator<EditorState, [], [], ProblemsSlice> = (
  set,
  get,
) => ({
  problems: [],
  problemCounts: {},
  knownCredentials: undefined,

  setKnownCredentials(credentials) {
    set({ knownCredentials: credentials });
    get().revalidate();
  },

  revalidate() {
    const { document, catalogue, knownCredentials, problemCounts: previous } = get();
    const problems = validateDraft(document, catalogue, knownCredentials);

    const counts: ProblemsSlice['problemCounts'] = {};
    for (const problem of problems) {
      if (!problem.nodeId) continue;
      const count = (counts[problem.nodeId] ??= { errors: 0, warnings: 0 });
      if (problem.severity === 'error') count.errors += 1;
      else count.warnings += 1;
    }

    // Keep the previous count objects where nothing changed, so node badges do not re-render.
    for (const [nodeId, count] of Object.entries(counts)) {
      const prior = previous[nodeId];
      if (prior && prior.errors === count.errors && prior.warnings === count.warnings)
        counts[nodeId] = prior;
    }
    set({ problems, problemCounts: counts });
  },
});
