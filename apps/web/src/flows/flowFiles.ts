import { FLOW_FORMAT_VERSION, parseFlowDocument, type FlowDocument } from '@scimflow/flow';

import type { Problem } from '../api/types.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import { validateDraft } from '../editor/validate.js';
import { starterConfig } from '../forms/starterConfig.js';

/** Returns a new flow document, starting with the catalogue's first trigger when there is one. */
export function newFlowDocument(name: string, catalogue: Catalogue): FlowDocument {
  const trigger = catalogue.definitions.find((definition) => definition.isTrigger);
  const config = trigger ? starterConfig(trigger.config) : {};

  return {
    formatVersion: FLOW_FORMAT_VERSION,
    name,
    description: '',
    nodes: trigger ? [{ id: 'trigger', type: trigger.type, position: { x: 0, y: 0 }, config }] : [],
    edges: [],
    credentials: [],
  };
}

/** The result of reading a flow file: the document, or the problems that make it invalid. */
export type ReadFlowResult =
  { ok: true; document: FlowDocument; problems: Problem[] } | { ok: false; problems: Problem[] };

/**
 * Parses the text of an exported flow and validates it against the node catalogue. Warnings
 * keep the file importable; any error rejects it.
 */
export function readFlowFile(text: string, catalogue: Catalogue): ReadFlowResult {
  // parseFlowDocument migrates older format versions before it checks the schema.
  const parsed = parseFlowDocument(text);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };

  const problems = validateDraft(parsed.document, catalogue);
  if (problems.some((problem) => problem.severity === 'error')) return { ok: false, problems };
  return { ok: true, document: parsed.document, problems };
}

/** Saves a flow document as a `.json` download. */
export function downloadFlow(document: FlowDocument): void {
  const blob = new Blob([`${JSON.stringify(document, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = window.document.createElement('a');
  link.href = url;
  link.download = `${fileName(document.name)}.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function fileName(name: string): string {
  return (
    name
      .trim()
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'flow'
  );
}
