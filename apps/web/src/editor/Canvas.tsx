import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStoreApi,
  type Connection,
  type Edge,
  type IsValidConnection,
  type Viewport,
} from '@xyflow/react';
import { useCallback, useLayoutEffect, useRef, useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';

import { addNode, connect, connectionProblem } from './actions.js';
import { edgeTypes } from './FlowEdge.js';
import { nodeTypes } from './FlowNodeView.js';
import { fitViewport } from './fitViewport.js';
import { useEditorStore, useEditorStoreApi } from './store/context.js';

/** Data transfer type that the palette sets when a node type is dragged onto the canvas. */
export const NODE_DRAG_TYPE = 'application/x-scimflow-node-type';

const MIN_ZOOM = 0.05;

// A small flow opens at its natural size instead of blown up to fill the screen.
const FIT_ZOOM = { min: MIN_ZOOM, max: 1 };

// The minimap redraws its viewport box on every pan frame, which cost about 17 ms a frame at
// 1,000 nodes in bench/canvas, so large flows go without it.
const MINIMAP_MAX_NODES = 300;

// Shift draws a selection rectangle, so adding single nodes to the selection uses Ctrl or Cmd.
const MULTI_SELECTION_KEYS = ['Meta', 'Control'];

/** Renders the flow canvas: nodes, edges, minimap and zoom controls. */
export function Canvas() {
  const store = useEditorStoreApi();
  const flowStore = useStoreApi();
  const { screenToFlowPosition } = useReactFlow();
  const container = useRef<HTMLDivElement>(null);
  const [initialViewport, setInitialViewport] = useState<Viewport | null>(null);
  const { nodes, edges, onNodesChange, onEdgesChange } = useEditorStore(
    useShallow((state) => ({
      nodes: state.canvasNodes,
      edges: state.canvasEdges,
      onNodesChange: state.onNodesChange,
      onEdgesChange: state.onEdgesChange,
    })),
  );

  const isValidConnection = useCallback<IsValidConnection>(
    (connection: Connection | Edge) =>
      connectionProblem(store, {
        source: connection.source,
        target: connection.target,
        sourceHandle: connection.sourceHandle ?? null,
      }) === null,
    [store],
  );
  const onConnect = useCallback((connection: Connection) => connect(store, connection), [store]);
  const onNodeDragStart = useCallback(
    (_event: unknown, _node: unknown, dragged: { id: string }[]) =>
      store.getState().beginDrag(dragged.map((node) => node.id)),
    [store],
  );
  const onNodeDragStop = useCallback(() => store.getState().endDrag(), [store]);
  const onPaneClick = useCallback(() => store.getState().clearSelection(), [store]);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(NODE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(NODE_DRAG_TYPE);
      if (!type) return;
      event.preventDefault();
      addNode(store, type, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [store, screenToFlowPosition],
  );

  // The flow opens fitted to the pane. React Flow's `fitView` fits only after drawing every node
  // at zoom 1, and a large flow then draws again, zoomed out and without text. So the pane is
  // measured before React Flow renders, and React Flow's store starts at the fitted viewport,
  // because React Flow applies `defaultViewport` only after its first render.
  // NOTE: a pane without a size when the editor opens, such as one hidden by CSS, starts at zoom 1
  // instead of fitted.
  useLayoutEffect(() => {
    const pane = container.current;
    if (!pane) return;
    const viewport = fitViewport(
      store.getState().canvasNodes,
      pane.offsetWidth,
      pane.offsetHeight,
      FIT_ZOOM,
    );
    flowStore.setState({ transform: [viewport.x, viewport.y, viewport.zoom] });
    setInitialViewport(viewport);
  }, [store, flowStore]);

  return (
    <div className="canvas" data-testid="canvas" ref={container}>
      {initialViewport && (
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          isValidConnection={isValidConnection}
          onNodeDragStart={onNodeDragStart}
          onNodeDragStop={onNodeDragStop}
          onPaneClick={onPaneClick}
          onDragOver={onDragOver}
          onDrop={onDrop}
          // Deleting goes through the editor's shortcut, so nodes and their edges go in one undo step.
          deleteKeyCode={null}
          multiSelectionKeyCode={MULTI_SELECTION_KEYS}
          selectionKeyCode="Shift"
          defaultViewport={initialViewport}
          minZoom={MIN_ZOOM}
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={20} />
          {nodes.length <= MINIMAP_MAX_NODES && (
            <MiniMap pannable zoomable ariaLabel="Minimap of the flow" />
          )}
          <Controls showInteractive={false} />
        </ReactFlow>
      )}
    </div>
  );
}
