import type { StateCreator } from 'zustand';

import type { EditorState, RunSlice } from './types.js';

/** The sample event and the last test run, shown on each node. */
export const createRunSlice: StateCreator<EditorState, [], [], RunSlice> = (set) => ({
  sampleId: null,
  execution: null,
  runSteps: {},

  setSample(sampleId) {
    set({ sampleId });
  },

  setExecution(execution) {
    const runSteps: RunSlice['runSteps'] = {};
    for (const step of execution?.steps ?? []) runSteps[step.nodeId] = step;
    set({ execution, runSteps });
  },
});
