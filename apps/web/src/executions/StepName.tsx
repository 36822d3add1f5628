import type { NodeLabels } from './nodeLabels.js';

/**
 * Names a step by its node's label on the canvas, with the node id after it. A step whose node
 * is no longer in the flow document shows its id alone.
 */
export function StepName({ nodeId, labels }: { nodeId: string; labels: NodeLabels }) {
  const label = labels.get(nodeId);
  if (label === undefined || label === nodeId)
    return <strong className="step-name">{nodeId}</strong>;

  return (
    <>
      <strong className="step-name">{label}</strong>{' '}
      <code className="muted small step-node-id">{nodeId}</code>
    </>
  );
}
