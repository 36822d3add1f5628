import { describe, expect, it } from 'vitest';
import { nodesUseAny, renameInDocument } from '../../src/credentials/credential-references.js';

function documentWith(nodeCredentials: (string | undefined)[], listed: string[]) {
  return {
    nodes: nodeCredentials.map((credential, index) => ({
      id: `n${index}`,
      ...(credential === undefined ? {} : { credential }),
    })),
    credentials: listed.map((name) => ({ name, type: 'http.bearer' })),
  };
}

describe('renameInDocument', () => {
  it('renames nodes and list entries', () => {
    const document = documentWith(['Old', undefined, 'Other'], ['Old', 'Other']);

    expect(renameInDocument(document, new Set(['Old']), 'New')).toBe(true);
    expect(document.nodes.map((node) => node.credential)).toEqual(['New', undefined, 'Other']);
    expect(document.credentials.map((entry) => entry.name)).toEqual(['New', 'Other']);
  });

  it('drops a list entry the rename duplicates', () => {
    const document = documentWith(['Old', 'New'], ['Old', 'New', 'Older']);

    expect(renameInDocument(document, new Set(['Old', 'Older']), 'New')).toBe(true);
    expect(document.nodes.map((node) => node.credential)).toEqual(['New', 'New']);
    expect(document.credentials.map((entry) => entry.name)).toEqual(['New']);
  });

  it('matches names exactly', () => {
    const document = documentWith(['old'], ['old']);

    expect(renameInDocument(document, new Set(['Old']), 'New')).toBe(false);
    expect(document.nodes[0]!.credential).toBe('old');
  });

  it('ignores documents without nodes', () => {
    expect(renameInDocument(null, new Set(['Old']), 'New')).toBe(false);
    expect(renameInDocument({ name: 'x' }, new Set(['Old']), 'New')).toBe(false);
  });
});

describe('nodesUseAny', () => {
  it('counts node references only', () => {
    const listedOnly = documentWith([undefined], ['Old']);
    const used = documentWith([undefined, 'Old'], []);

    expect(nodesUseAny(listedOnly, new Set(['Old']))).toBe(false);
    expect(nodesUseAny(used, new Set(['Old']))).toBe(true);
  });
});
