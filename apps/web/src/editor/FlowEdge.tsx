import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';

/**
 * Draws an edge as React Flow's default bezier edge does. A label, such as a condition's
 * `false` port, is plain SVG text on a halo of the background colour. React Flow's own label
 * measures its text with `getBBox` after mounting and then draws again. In one profile of
 * bench/canvas, that took about 85 ms of the main thread for a 1,000-node flow.
 */
function FlowEdge({
  id,
  sourceX,
  sourceY,
  sourcePosition,
  targetX,
  targetY,
  targetPosition,
  label,
  markerEnd,
  style,
  interactionWidth,
}: EdgeProps) {
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    sourcePosition,
    targetX,
    targetY,
    targetPosition,
  });
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        style={style}
        interactionWidth={interactionWidth}
      />
      {label !== undefined && label !== null && label !== '' && (
        <text
          x={labelX}
          y={labelY}
          className="react-flow__edge-text flow-edge-label"
          textAnchor="middle"
          dominantBaseline="central"
        >
          {label}
        </text>
      )}
    </>
  );
}

/**
 * End points closer than this, in flow coordinates, draw the same path. The browser measures
 * in 1/64 screen pixels, which is 0.31 flow units at the minimum zoom of 0.05.
 */
const SAME_POSITION = 0.5;
const COORDINATES = new Set<string>(['sourceX', 'sourceY', 'targetX', 'targetY']);

/**
 * Returns true when an edge would draw the same: every prop is identical, except that end
 * points may differ by measuring precision. React Flow measures every node once after mounting
 * it, even one with declared handles. Zoomed out, the measured handle positions differ from the
 * declared ones by up to a few tenths of a unit, and every edge path would be rewritten.
 */
export function drawsSameEdge(previous: EdgeProps, next: EdgeProps): boolean {
  const keys = Object.keys(next) as (keyof EdgeProps)[];
  if (keys.length !== Object.keys(previous).length) return false;

  return keys.every((key) =>
    COORDINATES.has(key)
      ? Math.abs((previous[key] as number) - (next[key] as number)) < SAME_POSITION
      : Object.is(previous[key], next[key]),
  );
}

/** React Flow edge types, defined at module scope so React Flow gets the same object on every render. */
export const edgeTypes = { flowEdge: memo(FlowEdge, drawsSameEdge) };
