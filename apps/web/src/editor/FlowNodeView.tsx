import { Handle, Position, useStore, type NodeProps } from '@xyflow/react';
import { Component, memo, useMemo, type ReactNode } from 'react';

import { useCatalogue } from '../catalogue/context.js';
import { Icon } from '../ui/icons.js';
import { portFraction } from './nodeGeometry.js';
import { useEditorStore } from './store/context.js';
import type { CanvasNode } from './store/types.js';

/** Zoom below which nodes draw without text. */
const COMPACT_ZOOM = 0.35;

/** Draws one flow node: icon, label, summary, problem badge, test-run status and ports. */
function FlowNodeView({ id, data, selected }: NodeProps<CanvasNode>) {
  const catalogue = useCatalogue();
  const { node, ports } = data;
  const definition = catalogue.get(node.type);

  // Narrow selectors: each returns a value that changes only for this node.
  const counts = useEditorStore((state) => state.problemCounts[id]);
  const runStatus = useEditorStore((state) => state.runSteps[id]?.status);
  // Zoomed far out, text is unreadable and painting it for every node makes panning slow, so
  // nodes draw as bare boxes. The selector is a boolean, so nodes re-render only when the zoom
  // crosses the threshold, not on every pan or zoom step.
  const compact = useStore((state) => state.transform[2] < COMPACT_ZOOM);

  // Compact nodes show no summary, so they skip the config parse that it needs.
  const summary = useMemo(
    () => (compact ? '' : summarize(definition, node.config)),
    [compact, definition, node.config],
  );
  const label = node.label || definition?.label || node.type;

  const classes = [
    'flow-node',
    compact ? 'compact' : '',
    selected ? 'selected' : '',
    counts?.errors ? 'has-errors' : '',
    runStatus ? `run-${runStatus}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={classes}
      data-testid={`node-${id}`}
      aria-label={`${label} node${counts?.errors ? `, ${counts.errors} problems` : ''}`}
    >
      {!definition?.isTrigger && <Handle type="target" position={Position.Top} />}
      {compact ? (
        <span className={`flow-node-icon category-${definition?.category ?? 'unknown'}`} />
      ) : (
        <>
          <div className="flow-node-header">
            <span className={`flow-node-icon category-${definition?.category ?? 'unknown'}`}>
              <Icon name={definition?.icon ?? 'warning'} />
            </span>
            <span className="flow-node-label">{label}</span>
            {counts && (counts.errors > 0 || counts.warnings > 0) && (
              <span
                className={`badge ${counts.errors ? 'badge-error' : 'badge-warning'}`}
                title={`${counts.errors} errors, ${counts.warnings} warnings`}
                data-testid="node-problem-badge"
              >
                {counts.errors || counts.warnings}
              </span>
            )}
            {runStatus && (
              <span className={`status-dot status-${runStatus}`} title={`Test run: ${runStatus}`} />
            )}
          </div>
          <div className="flow-node-summary">
            {definition ? summary : `Unknown node type ${node.type}`}
          </div>
        </>
      )}
      {ports.map((port, index) => (
        <Handle
          key={port}
          id={port}
          type="source"
          position={Position.Bottom}
          style={{ left: `${portFraction(index, ports.length) * 100}%` }}
          className={`port port-${port}`}
          title={port}
        >
          {ports.length > 1 && !compact && <span className="port-label">{port}</span>}
        </Handle>
      ))}
    </div>
  );
}

function summarize(
  definition: ReturnType<ReturnType<typeof useCatalogue>['get']>,
  config: Record<string, unknown>,
): string {
  if (!definition?.summarize) return definition?.description ?? '';
  const parsed = definition.config.safeParse(config);
  if (!parsed.success) return 'Not configured yet';
  try {
    return definition.summarize(parsed.data);
  } catch {
    return definition.description;
  }
}

/** Keeps one broken node from taking down the whole canvas. */
class NodeErrorBoundary extends Component<
  { children: ReactNode; nodeId: string },
  { failed: boolean }
> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    if (this.state.failed)
      return (
        <div className="flow-node has-errors">
          Node “{this.props.nodeId}” failed to draw. Delete it and add it again.
        </div>
      );
    return this.props.children;
  }
}

function SafeFlowNode(props: NodeProps<CanvasNode>) {
  return (
    <NodeErrorBoundary nodeId={props.id}>
      <FlowNodeView {...props} />
    </NodeErrorBoundary>
  );
}

/** React Flow node types, defined at module scope so React Flow gets the same object on every render. */
export const nodeTypes = { flowNode: memo(SafeFlowNode) };
