import type { StateCreator } from 'zustand';

import { validateDraft } from '../validate.js';
import type { EditorState, ProblemsSlice } from './types.js';

/**
 * Quiet time after an edit before the draft is validated again. Validating a 1,000-node flow
 * takes tens of milliseconds, too long to repeat on every keystroke.
 */
export const VALIDATION_DELAY_MS = 200;

/**
 * Validation problems of the draft, recomputed shortly after every change that is not a move.
 * A new store starts with validation pending, so the editor can draw the canvas first and
 * validate after it (`flushValidation`).
 */
export const createProblemsSlice: StateCreator<EditorState, [], [], ProblemsSlice> = (set, get) => {
  // One timer per store, so two open editors never cancel each other's validation.
  let timer: ReturnType<typeof setTimeout> | undefined;

  return {
    problems: [],
    problemCounts: {},
    knownCredentials: undefined,
    allowedHosts: undefined,
    validationPending: true,

    setKnownCredentials(credentials) {
      set({ knownCredentials: credentials });
      // A pending validation reads the credentials when it runs.
      if (!get().validationPending) get().scheduleRevalidate();
    },

    setAllowedHosts(allowedHosts) {
      set({ allowedHosts });
      if (!get().validationPending) get().scheduleRevalidate();
    },

    scheduleRevalidate() {
      clearTimeout(timer);
      if (!get().validationPending) set({ validationPending: true });
      timer = setTimeout(() => get().revalidate(), VALIDATION_DELAY_MS);
    },

    flushValidation() {
      if (get().validationPending) get().revalidate();
    },

    revalidate() {
      clearTimeout(timer);
      const {
        document,
        catalogue,
        knownCredentials,
        allowedHosts,
        problemCounts: previous,
      } = get();
      const problems = validateDraft(document, catalogue, knownCredentials, allowedHosts);

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
        if (prior && prior.errors === count.errors && prior.warnings === count.warnings) {
          counts[nodeId] = prior;
        }
      }
      set({ problems, problemCounts: counts, validationPending: false });
    },
  };
};
