import { describe, expect, it } from 'vitest';

import { fixtureCatalogue, sampleDocument } from '../test/fixtures.js';
import { newFlowDocument, readFlowFile } from './flowFiles.js';

describe('readFlowFile', () => {
  it('accepts an exported flow', () => {
    const result = readFlowFile(JSON.stringify(sampleDocument()), fixtureCatalogue);
    if (!result.ok)
      throw new Error(`expected the flow to import, got ${JSON.stringify(result.problems)}`);
    expect(result.document.name).toBe('Onboard');
  });

  it('rejects text that is not JSON', () => {
    const result = readFlowFile('{"name": ', fixtureCatalogue);
    expect(result.ok).toBe(false);
    expect(result.problems[0]?.code).toBe('document_invalid');
  });

  it('rejects a document missing fields', () => {
    const result = readFlowFile(JSON.stringify({ formatVersion: 1, name: 'x' }), fixtureCatalogue);
    expect(result.ok).toBe(false);
    expect(result.problems.map((problem) => problem.field)).toContain('nodes');
  });

  it('rejects graph errors', () => {
    const document = sampleDocument({
      nodes: [
        {
          id: 'check',
          type: 'logic.condition',
          position: { x: 0, y: 0 },
          config: { expression: 'true' },
        },
      ],
      edges: [],
    });
    const result = readFlowFile(JSON.stringify(document), fixtureCatalogue);
    expect(result.ok).toBe(false);
    expect(result.problems.map((problem) => problem.code)).toContain('trigger_missing');
  });

  it('keeps warnings of an importable flow', () => {
    const document = sampleDocument();
    document.nodes.push({
      id: 'loose',
      type: 'logic.condition',
      position: { x: 0, y: 300 },
      config: { expression: 'true' },
    });
    const result = readFlowFile(JSON.stringify(document), fixtureCatalogue);
    expect(result.ok).toBe(true);
    expect(result.problems.map((problem) => problem.code)).toEqual(['node_unreachable']);
  });
});

describe('newFlowDocument', () => {
  it('starts with the first trigger', () => {
    const document = newFlowDocument('Onboard', fixtureCatalogue);
    expect(document.nodes.map((node) => node.type)).toEqual(['scim.trigger']);
    expect(document.nodes[0]?.config).toEqual({ events: ['user.created'] });
  });
});
