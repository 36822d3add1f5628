import type { FlowDocument } from '@scimflow/flow';

import type { Catalogue } from '../catalogue/catalogue.js';

/** The names that the canvas shows, by node id. */
export type NodeLabels = ReadonlyMap<string, string>;

/**
 * Maps each node of a document to the name the canvas draws on it: the node's own label, else
 * its type's label, else its type. Nodes missing from the document have no entry.
 */
export function nodeLabels(document: FlowDocument | undefined, catalogue: Catalogue): NodeLabels {
  const labels = new Map<string, string>();
  for (const node of document?.nodes ?? []) {
    labels.set(node.id, node.label || catalogue.get(node.type)?.label || node.type);
  }
  return labels;
}
