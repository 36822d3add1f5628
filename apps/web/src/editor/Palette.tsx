import type { FlowNode } from '@scimflow/flow';
import type { NodeCategory, NodeDefinition } from '@scimflow/nodes';
import { useReactFlow } from '@xyflow/react';
import { useMemo, useState } from 'react';

import { CATEGORY_LABELS } from '../catalogue/catalogue.js';
import { useCatalogue } from '../catalogue/context.js';
import { EmptyState } from '../ui/feedback.js';
import { Icon } from '../ui/icons.js';
import { addNode } from './actions.js';
import { NODE_DRAG_TYPE } from './Canvas.js';
import { useEditorStoreApi } from './store/context.js';

/** Renders the node palette, grouped by category with search. Drag a node onto the canvas or click it. */
export function Palette() {
  const store = useEditorStoreApi();
  const catalogue = useCatalogue();
  const { screenToFlowPosition } = useReactFlow();
  const [search, setSearch] = useState('');

  const groups = useMemo(() => groupByCategory(catalogue.definitions, search), [catalogue, search]);

  function addAtCenter(type: string) {
    const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    const center = canvas
      ? { x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 }
      : { x: 0, y: 0 };
    addNode(
      store,
      type,
      freePosition(store.getState().document.nodes, screenToFlowPosition(center)),
    );
  }

  return (
    <aside className="palette" aria-label="Node palette">
      <label className="search">
        <Icon name="search" />
        <span className="visually-hidden">Search nodes</span>
        <input
          type="search"
          placeholder="Search nodes"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
      </label>
      {catalogue.definitions.length === 0 && (
        <EmptyState icon="warning" title="No node types">
          <p>The node catalogue is empty; this build of the designer found no node definitions.</p>
        </EmptyState>
      )}
      {groups.length === 0 && catalogue.definitions.length > 0 && (
        <p className="muted">No node matches “{search}”.</p>
      )}
      {groups.map(([category, definitions]) => (
        <section key={category} aria-label={CATEGORY_LABELS[category] ?? category}>
          <h3>{CATEGORY_LABELS[category] ?? category}</h3>
          <ul>
            {definitions.map((definition) => (
              <li key={definition.type}>
                <button
                  type="button"
                  className="palette-item"
                  draggable
                  onDragStart={(event) => {
                    event.dataTransfer.setData(NODE_DRAG_TYPE, definition.type);
                    event.dataTransfer.effectAllowed = 'copy';
                  }}
                  onClick={() => addAtCenter(definition.type)}
                  title={definition.description}
                  data-testid={`palette-${definition.type}`}
                >
                  <span className={`flow-node-icon category-${definition.category}`}>
                    <Icon name={definition.icon} />
                  </span>
                  <span>
                    <span className="palette-label">{definition.label}</span>
                    <span className="palette-description">{definition.description}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </aside>
  );
}

function groupByCategory(
  definitions: readonly NodeDefinition[],
  search: string,
): [NodeCategory, NodeDefinition[]][] {
  const needle = search.trim().toLowerCase();
  const order = Object.keys(CATEGORY_LABELS) as NodeCategory[];
  const groups = new Map<NodeCategory, NodeDefinition[]>();

  for (const definition of definitions) {
    const text = `${definition.label} ${definition.description} ${definition.type}`.toLowerCase();
    if (needle && !text.includes(needle)) continue;
    groups.set(definition.category, [...(groups.get(definition.category) ?? []), definition]);
  }
  return [...groups.entries()].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
}

// Room a node takes on the canvas, in flow coordinates, when looking for a free spot.
const NODE_FOOTPRINT = { width: 260, height: 100 };

/** Moves a position down until no node overlaps it, so a clicked node never hides another. */
export function freePosition(
  nodes: readonly FlowNode[],
  start: FlowNode['position'],
): FlowNode['position'] {
  const position = { x: Math.round(start.x), y: Math.round(start.y) };
  const overlaps = () =>
    nodes.some(
      (node) =>
        Math.abs(node.position.x - position.x) < NODE_FOOTPRINT.width &&
        Math.abs(node.position.y - position.y) < NODE_FOOTPRINT.height,
    );
  // Bounded, so a canvas packed with nodes still gets its node, overlapping the last spot.
  for (let step = 0; step < 1000 && overlaps(); step += 1) position.y += NODE_FOOTPRINT.height;
  return position;
}
