import { describe, expect, it } from 'vitest';

import { fitViewport } from './fitViewport.js';
import { NODE_HEIGHT, NODE_WIDTH } from './nodeGeometry.js';

const ZOOM = { min: 0.05, max: 1 };

function node(id: string, x: number, y: number) {
  return { id, position: { x, y }, data: {}, width: NODE_WIDTH, height: NODE_HEIGHT };
}

describe('fitViewport', () => {
  it('keeps a small flow at zoom 1', () => {
    const viewport = fitViewport([node('a', 0, 0)], 1000, 800, ZOOM);

    expect(viewport.zoom).toBe(1);
    expect(viewport.x).toBe(500 - NODE_WIDTH / 2);
    expect(viewport.y).toBe(400 - NODE_HEIGHT / 2);
  });

  it('zooms out to fit a wide flow', () => {
    const viewport = fitViewport([node('a', 0, 0), node('b', 9760, 0)], 1000, 800, ZOOM);

    // 10,000 units wide with 10% padding: 900 / 10,000.
    expect(viewport.zoom).toBeCloseTo(0.09);
  });

  it('returns zoom 1 without nodes or size', () => {
    expect(fitViewport([], 1000, 800, ZOOM)).toEqual({ x: 0, y: 0, zoom: 1 });
    expect(fitViewport([node('a', 0, 0)], 0, 0, ZOOM)).toEqual({ x: 0, y: 0, zoom: 1 });
  });
});
