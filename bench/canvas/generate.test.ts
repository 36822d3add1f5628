import { describe, expect, test } from 'vitest';

import { generateFlowDocument } from './generate.js';

describe('generateFlowDocument', () => {
  test.each([2, 100, 500, 1000, 1001])('builds exactly %i nodes', (nodeCount) => {
    const document = generateFlowDocument('Generated', nodeCount);

    expect(document.nodes).toHaveLength(nodeCount);
    expect(new Set(document.nodes.map((node) => node.id)).size).toBe(nodeCount);
  });

  test.each([100, 1000])('connects every node of %i to the trigger', (nodeCount) => {
    const document = generateFlowDocument('Generated', nodeCount);
    const ids = new Set(document.nodes.map((node) => node.id));
    const incoming = new Map<string, number>();

    for (const edge of document.edges) {
      expect(ids.has(edge.source), `source of ${edge.id}`).toBe(true);
      expect(ids.has(edge.target), `target of ${edge.id}`).toBe(true);
      incoming.set(edge.target, (incoming.get(edge.target) ?? 0) + 1);
    }

    const triggers = document.nodes.filter((node) => node.type === 'scim.trigger');
    expect(triggers.map((node) => node.id)).toEqual(['trigger']);
    for (const node of document.nodes) {
      expect(incoming.get(node.id) ?? 0, `edges into ${node.id}`).toBe(
        node.id === 'trigger' ? 0 : 1,
      );
    }
  });

  test('uses only the ports each node type has', () => {
    const document = generateFlowDocument('Generated', 500);
    const types = new Map(document.nodes.map((node) => [node.id, node.type]));
    const ports: Record<string, string[]> = {
      'scim.trigger': ['out'],
      'logic.condition': ['true', 'false'],
      'logic.transform': ['out'],
    };

    for (const edge of document.edges) {
      expect(ports[types.get(edge.source)!], `ports of ${edge.source}`).toContain(
        edge.sourceHandle,
      );
    }
    expect(document.nodes.some((node) => node.type === 'logic.condition')).toBe(true);
    expect(document.nodes.some((node) => node.type === 'logic.log')).toBe(true);
  });

  test('rejects fewer than two nodes', () => {
    expect(() => generateFlowDocument('Generated', 1)).toThrow('Invalid node count 1');
  });
});
