import { describe, expect, it, vi } from 'vitest';
import { HostAllowlist } from '@scimflow/nodes';

import { chainDocument, fixtureCatalogue, sampleDocument } from '../../test/fixtures.js';
import {
  addNode,
  connect,
  connectionProblem,
  copySelection,
  deleteSelection,
  paste,
  setConfigField,
} from '../actions.js';
import { freePosition } from '../Palette.js';
import { createEditorStore } from './createEditorStore.js';
import { VALIDATION_DELAY_MS } from './problemsSlice.js';

// The editor validates once the canvas is drawn. These tests start from a validated draft.
function newStore(document = sampleDocument()) {
  const store = createEditorStore('flow-1', document, fixtureCatalogue);
  store.getState().flushValidation();
  return store;
}

function dragNode(
  store: ReturnType<typeof newStore>,
  id: string,
  path: { x: number; y: number }[],
) {
  store.getState().beginDrag([id]);
  for (const position of path)
    store.getState().onNodesChange([{ type: 'position', id, position, dragging: true }]);
  store.getState().endDrag();
}

describe('editor store', () => {
  it('adds a node with schema defaults', () => {
    const store = newStore();
    const id = addNode(store, 'http.request', { x: 10, y: 20 });

    const node = store.getState().document.nodes.find((candidate) => candidate.id === id);
    expect(id).toBe('http_request');
    expect(node?.config).toEqual({ method: 'POST', followRedirects: true, headers: {}, tags: [] });
    expect([...store.getState().selectedNodeIds]).toEqual([id]);
  });

  it('undoes and redoes an added node', () => {
    const store = newStore();
    addNode(store, 'http.request', { x: 0, y: 0 });
    store.getState().undo();
    expect(store.getState().document.nodes).toHaveLength(2);

    store.getState().redo();
    expect(store.getState().document.nodes).toHaveLength(3);
  });

  it('records a drag as one step', () => {
    const store = newStore();
    dragNode(store, 'check', [
      { x: 5, y: 125 },
      { x: 10, y: 130 },
      { x: 50, y: 200 },
    ]);

    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().document.nodes[1]?.position).toEqual({ x: 0, y: 120 });
    store.getState().redo();
    expect(store.getState().document.nodes[1]?.position).toEqual({ x: 50, y: 200 });
  });

  it('moves several nodes and skips unknown ones', () => {
    const store = newStore();
    store.getState().beginDrag(['trigger', 'check']);
    store.getState().onNodesChange([
      { type: 'position', id: 'trigger', position: { x: 10, y: 10 }, dragging: true },
      { type: 'position', id: 'check', position: { x: 10, y: 130 }, dragging: true },
      { type: 'position', id: 'ghost', position: { x: 0, y: 0 }, dragging: true },
    ]);
    store.getState().endDrag();

    const positions = store.getState().document.nodes.map((node) => node.position);
    expect(positions).toEqual([
      { x: 10, y: 10 },
      { x: 10, y: 130 },
    ]);
    expect(store.getState().past).toHaveLength(1);
  });

  it('keeps redo when the selection changes', () => {
    const store = newStore();
    addNode(store, 'http.request', { x: 0, y: 0 });
    store.getState().undo();
    store.getState().selectNodes(['check']);
    store.getState().onNodesChange([{ type: 'select', id: 'trigger', selected: true }]);

    expect(store.getState().future).toHaveLength(1);
  });

  it('merges typing into one field as one step', () => {
    const store = newStore();
    for (const text of ['u', 'us', 'use', 'user'])
      setConfigField(store, 'check', 'expression', text);

    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().document.nodes[1]?.config).toEqual({ expression: 'user.active' });
  });

  it('deletes a node with its edges as one step', () => {
    const store = newStore();
    store.getState().selectNodes(['check']);
    deleteSelection(store);
    expect(store.getState().document.nodes.map((node) => node.id)).toEqual(['trigger']);
    expect(store.getState().document.edges).toEqual([]);

    store.getState().undo();
    expect(store.getState().document.edges).toHaveLength(1);
    expect(store.getState().document.nodes).toHaveLength(2);
  });

  it('pastes copies with fresh ids and inner edges', () => {
    const store = newStore();
    store.getState().selectNodes(['trigger', 'check']);
    const clipboard = copySelection(store);
    paste(store, clipboard!);

    const ids = store.getState().document.nodes.map((node) => node.id);
    expect(ids).toEqual(['trigger', 'check', 'scim_trigger', 'logic_condition']);
    expect(
      store.getState().document.edges.map((edge) => [edge.source, edge.target]),
    ).toContainEqual(['scim_trigger', 'logic_condition']);
    expect(store.getState().past).toHaveLength(1);
  });

  it.each([
    [
      'self-loop',
      { source: 'check', target: 'check', sourceHandle: 'true' },
      'A node cannot connect to itself.',
    ],
    [
      'into a trigger',
      { source: 'check', target: 'trigger', sourceHandle: 'true' },
      'A trigger has no input.',
    ],
    [
      'unknown port',
      { source: 'trigger', target: 'check', sourceHandle: 'maybe' },
      'Output "maybe" does not exist on this node.',
    ],
    [
      'duplicate',
      { source: 'trigger', target: 'check', sourceHandle: 'out' },
      'These nodes are already connected.',
    ],
  ])('refuses a connection: %s', (_case, connection, reason) => {
    expect(connectionProblem(newStore(), connection)).toBe(reason);
  });

  it('refuses a connection that closes a loop', () => {
    const store = newStore(chainDocument(3));
    expect(connectionProblem(store, { source: 'n3', target: 'n1', sourceHandle: 'true' })).toBe(
      'This connection would make a loop.',
    );
  });

  it('connects ports as one step', () => {
    const store = newStore(chainDocument(2));
    connect(store, { source: 'n1', target: 'n2', sourceHandle: 'false', targetHandle: null });
    expect(store.getState().document.edges.map((edge) => edge.id)).toContain('n1.false->n2');
  });

  it('reuses unchanged canvas nodes after an edit', () => {
    const store = newStore(chainDocument(1000));
    const before = store.getState().canvasNodes;
    setConfigField(store, 'n500', 'expression', 'false');
    const after = store.getState().canvasNodes;

    const changed = after.filter((node, index) => node !== before[index]).map((node) => node.id);
    expect(changed).toEqual(['n500']);
  });

  it('counts problems per node', () => {
    const store = newStore();
    setConfigField(store, 'check', 'expression', '');
    store.getState().flushValidation();
    expect(store.getState().problemCounts['check']).toEqual({ errors: 1, warnings: 0 });
    expect(store.getState().problems[0]?.field).toBe('config.expression');
  });

  it('validates once after a burst of edits', () => {
    vi.useFakeTimers();
    try {
      const store = newStore();
      for (const text of ['', 'u', '']) setConfigField(store, 'check', 'expression', text);
      expect(store.getState().validationPending).toBe(true);
      expect(store.getState().problems).toEqual([]);

      vi.advanceTimersByTime(VALIDATION_DELAY_MS);
      expect(store.getState().validationPending).toBe(false);
      expect(store.getState().problemCounts['check']?.errors).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('skips validation for moves', () => {
    const store = newStore();
    dragNode(store, 'check', [{ x: 9, y: 9 }]);
    expect(store.getState().validationPending).toBe(false);
  });
});

describe('first validation', () => {
  const invalid = () =>
    sampleDocument({
      nodes: [
        ...sampleDocument().nodes,
        {
          id: 'call',
          type: 'http.request',
          position: { x: 0, y: 240 },
          config: { url: 'http://127.0.0.1:9/hook' },
          credential: 'Old token',
        },
      ],
      edges: [
        ...sampleDocument().edges,
        { id: 'check.true->call', source: 'check', sourceHandle: 'true', target: 'call' },
      ],
    });

  it('waits for flushValidation', () => {
    const store = createEditorStore('flow-1', invalid(), fixtureCatalogue);
    expect(store.getState().validationPending).toBe(true);
    expect(store.getState().problems).toEqual([]);

    store.getState().flushValidation();
    expect(store.getState().validationPending).toBe(false);
    expect(store.getState().problemCounts['call']).toEqual({ errors: 1, warnings: 0 });
  });

  it('uses credentials loaded before it', () => {
    const store = createEditorStore('flow-1', invalid(), fixtureCatalogue);
    store.getState().setKnownCredentials([{ name: 'Old token', type: 'http.bearer' }]);
    expect(store.getState().problems).toEqual([]);

    store.getState().flushValidation();
    expect(store.getState().problems).toEqual([]);
  });

  it('revalidates for credentials loaded after it', () => {
    vi.useFakeTimers();
    try {
      const store = createEditorStore('flow-1', invalid(), fixtureCatalogue);
      store.getState().flushValidation();
      expect(store.getState().problemCounts['call']?.errors).toBe(1);

      store.getState().setKnownCredentials([{ name: 'Old token', type: 'http.bearer' }]);
      expect(store.getState().validationPending).toBe(true);
      vi.advanceTimersByTime(VALIDATION_DELAY_MS);
      expect(store.getState().validationPending).toBe(false);
      expect(store.getState().problems).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('host allowlist warnings', () => {
  const withCall = (url: string) =>
    sampleDocument({
      nodes: [
        ...sampleDocument().nodes,
        { id: 'call', type: 'http.request', position: { x: 0, y: 240 }, config: { url } },
      ],
      edges: [
        ...sampleDocument().edges,
        { id: 'check.true->call', source: 'check', sourceHandle: 'true', target: 'call' },
      ],
    });

  it('warns about a fixed URL outside the list', () => {
    const store = createEditorStore(
      'flow-1',
      withCall('http://localhost:9/hook'),
      fixtureCatalogue,
    );
    store.getState().setAllowedHosts(HostAllowlist.parse('127.0.0.1:9'));
    store.getState().flushValidation();

    const warning = store.getState().problems.find((problem) => problem.nodeId === 'call');
    expect(warning?.code).toBe('host_not_allowed');
    expect(warning?.severity).toBe('warning');
    expect(warning?.field).toBe('config.url');
    expect(warning?.message).toContain('localhost:9');
    expect(store.getState().problemCounts['call']).toEqual({ errors: 0, warnings: 1 });
  });

  it('accepts a listed host and leaves expressions alone', () => {
    const listed = createEditorStore(
      'flow-1',
      withCall('http://127.0.0.1:9/hook'),
      fixtureCatalogue,
    );
    listed.getState().setAllowedHosts(HostAllowlist.parse('127.0.0.1:9'));
    listed.getState().flushValidation();
    expect(listed.getState().problems).toEqual([]);

    const templated = createEditorStore(
      'flow-1',
      withCall('http://{{ user.userName }}.example.org/hook'),
      fixtureCatalogue,
    );
    templated.getState().setAllowedHosts(HostAllowlist.parse('127.0.0.1:9'));
    templated.getState().flushValidation();
    expect(templated.getState().problems.map((problem) => problem.code)).not.toContain(
      'host_not_allowed',
    );
  });

  it('warns about nothing without a list', () => {
    const store = createEditorStore(
      'flow-1',
      withCall('http://localhost:9/hook'),
      fixtureCatalogue,
    );
    store.getState().flushValidation();
    expect(store.getState().problems).toEqual([]);
  });
});

describe('freePosition', () => {
  it('keeps a free spot', () => {
    expect(freePosition(sampleDocument().nodes, { x: 600, y: 0 })).toEqual({ x: 600, y: 0 });
  });

  it('moves below overlapping nodes', () => {
    expect(freePosition(sampleDocument().nodes, { x: 10, y: 10 })).toEqual({ x: 10, y: 310 });
  });
});
