import { Position } from '@xyflow/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { HANDLE_SIZE, NODE_HEIGHT, NODE_WIDTH, nodeHandles } from './nodeGeometry.js';

function centre(handle: { x: number; y: number; width?: number; height?: number }) {
  return { x: handle.x + (handle.width ?? 0) / 2, y: handle.y + (handle.height ?? 0) / 2 };
}

describe('nodeHandles', () => {
  it('spreads output ports along the bottom', () => {
    const [first, second] = nodeHandles(['true', 'false'], true);

    expect(first).toMatchObject({ id: 'true', type: 'source', position: Position.Bottom });
    expect(centre(first!)).toEqual({ x: NODE_WIDTH / 3, y: NODE_HEIGHT });
    expect(second).toMatchObject({ id: 'false', type: 'source' });
    expect(centre(second!)).toEqual({ x: (NODE_WIDTH * 2) / 3, y: NODE_HEIGHT });
  });

  it('centres the input on the top', () => {
    const input = nodeHandles(['out'], true).find((handle) => handle.type === 'target');

    expect(input).toMatchObject({ id: null, position: Position.Top });
    expect(centre(input!)).toEqual({ x: NODE_WIDTH / 2, y: 0 });
  });

  it('gives a trigger no input', () => {
    const handles = nodeHandles(['out'], false);

    expect(handles.map((handle) => handle.type)).toEqual(['source']);
  });
});

describe('node geometry in styles.css', () => {
  // Vitest replaces imported CSS with an empty module, so the test reads the file.
  const css = readFileSync(join(import.meta.dirname, '..', 'styles.css'), 'utf8');

  it('draws handles at HANDLE_SIZE', () => {
    const rule = /\.react-flow__handle \{([^}]*)\}/.exec(css)?.[1] ?? '';

    expect(rule).toContain(`width: ${HANDLE_SIZE}px;`);
    expect(rule).toContain(`height: ${HANDLE_SIZE}px;`);
  });

  it('lets nodes fill the declared size', () => {
    const rule = /\.flow-node \{([^}]*)\}/.exec(css)?.[1] ?? '';

    expect(rule).toContain('width: 100%;');
    expect(rule).toContain('height: 100%;');
  });
});
