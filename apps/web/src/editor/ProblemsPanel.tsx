import { useReactFlow } from '@xyflow/react';

import type { Problem } from '../api/types.js';
import { EmptyState } from '../ui/feedback.js';
import { ProblemList } from '../ui/ProblemList.js';
import { useEditorStore, useEditorStoreApi } from './store/context.js';

/** Lists the draft's problems. Clicking one selects its node, centres it and focuses the field. */
export function ProblemsPanel({ onShowNode }: { onShowNode: () => void }) {
  const store = useEditorStoreApi();
  const problems = useEditorStore((state) => state.problems);
  const { getNode, setCenter } = useReactFlow();

  function show(problem: Problem) {
    if (!problem.nodeId) return;
    store.getState().selectNodes([problem.nodeId], problem.field);
    const node = getNode(problem.nodeId);
    if (node)
      void setCenter(
        node.position.x + (node.measured?.width ?? 0) / 2,
        node.position.y + (node.measured?.height ?? 0) / 2,
        { duration: 200, zoom: 1 },
      );
    onShowNode();
  }

  if (problems.length === 0) {
    return (
      <EmptyState icon="check" title="No problems">
        <p>The draft is valid and can be published.</p>
      </EmptyState>
    );
  }
  return (
    <section aria-label="Problems" data-testid="problems-panel">
      <ProblemList problems={problems} onSelect={show} />
    </section>
  );
}
