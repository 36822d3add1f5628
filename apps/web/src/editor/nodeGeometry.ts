import { Position, type NodeHandle } from '@xyflow/react';

/**
 * Size of every flow node on the canvas, in flow coordinates. React Flow sets it as the node's
 * inline size, and nodes fill it, so React Flow can draw edges from the declared size and handles
 * instead of measuring 1,000 nodes with a ResizeObserver before the canvas responds.
 */
export const NODE_WIDTH = 240;
export const NODE_HEIGHT = 70;

/** Width and height of a port handle, in flow coordinates. */
export const HANDLE_SIZE = 10;

/** Horizontal centre of output port `index` of `count`, as a fraction of the node's width. */
export function portFraction(index: number, count: number): number {
  return (index + 1) / (count + 1);
}

/**
 * Returns the handles of a node as React Flow's `node.handles`: the input centred on the top
 * edge unless the node is a trigger, and the output ports spread along the bottom edge. The
 * positions match the handles that FlowNodeView draws, whose centres sit on the node's border.
 */
export function nodeHandles(ports: readonly string[], hasInput: boolean): NodeHandle[] {
  const half = HANDLE_SIZE / 2;
  const handles: NodeHandle[] = ports.map((port, index) => ({
    id: port,
    type: 'source',
    position: Position.Bottom,
    x: NODE_WIDTH * portFraction(index, ports.length) - half,
    y: NODE_HEIGHT - half,
    width: HANDLE_SIZE,
    height: HANDLE_SIZE,
  }));
  if (hasInput) {
    handles.push({
      id: null,
      type: 'target',
      position: Position.Top,
      x: NODE_WIDTH / 2 - half,
      y: -half,
      width: HANDLE_SIZE,
      height: HANDLE_SIZE,
    });
  }
  return handles;
}
