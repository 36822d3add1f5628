import { getNodesBounds, getViewportForBounds, type Node, type Viewport } from '@xyflow/react';

/** Space around the fitted nodes, as a fraction of the pane; React Flow's `fitView` default. */
const FIT_PADDING = 0.1;

/**
 * Returns the viewport that fits every node into a pane of `width` × `height` pixels, the way
 * React Flow's `fitView` computes it, but before the canvas first renders. Fitting after the
 * first render, as `fitView` does, draws a large flow twice: at zoom 1 and then fitted.
 */
export function fitViewport(
  nodes: readonly Node[],
  width: number,
  height: number,
  zoom: { min: number; max: number },
): Viewport {
  if (nodes.length === 0 || width <= 0 || height <= 0) return { x: 0, y: 0, zoom: 1 };
  return getViewportForBounds(
    getNodesBounds([...nodes]),
    width,
    height,
    zoom.min,
    zoom.max,
    FIT_PADDING,
  );
}
