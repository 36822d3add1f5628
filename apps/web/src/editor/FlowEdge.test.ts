import { Position, type EdgeProps } from '@xyflow/react';
import { describe, expect, it } from 'vitest';

import { drawsSameEdge } from './FlowEdge.js';

const edge: EdgeProps = {
  id: 'trigger.out->check',
  source: 'trigger',
  target: 'check',
  sourceX: 120,
  sourceY: 70,
  targetX: 120,
  targetY: 120,
  sourcePosition: Position.Bottom,
  targetPosition: Position.Top,
  selected: false,
  label: 'false',
};

describe('drawsSameEdge', () => {
  it('ignores measuring precision', () => {
    expect(drawsSameEdge(edge, { ...edge, sourceX: 119.81, targetY: 120.2 })).toBe(true);
  });

  it('redraws a moved end point', () => {
    expect(drawsSameEdge(edge, { ...edge, targetX: 121 })).toBe(false);
  });

  it('redraws a changed selection', () => {
    expect(drawsSameEdge(edge, { ...edge, selected: true })).toBe(false);
  });

  it('redraws when a prop appears', () => {
    expect(drawsSameEdge(edge, { ...edge, animated: true })).toBe(false);
  });
});
