import { nodeCatalogue, type NodeCategory, type NodeDefinition } from '@scimflow/nodes';

/** The node types the designer offers, looked up by type. Metadata only: never call `run`. */
export interface Catalogue {
  readonly definitions: readonly NodeDefinition[];
  get(type: string): NodeDefinition | undefined;
}

/** Palette order and headings of the node categories. */
export const CATEGORY_LABELS: Record<NodeCategory, string> = {
  trigger: 'Triggers',
  logic: 'Logic',
  github: 'GitHub',
  google: 'Google Workspace',
  sheets: 'Google Sheets',
  http: 'HTTP',
};

/** Builds a catalogue from node definitions. */
export function createCatalogue(definitions: readonly NodeDefinition[]): Catalogue {
  const byType = new Map(definitions.map((definition) => [definition.type, definition]));
  return { definitions, get: (type) => byType.get(type) };
}

/**
 * Returns the output ports of a node with the given config. Config-dependent ports (switch
 * cases) fall back to none when the config does not parse yet.
 */
export function outputPorts(definition: NodeDefinition, config: Record<string, unknown>): string[] {
  if (typeof definition.outputs !== 'function') return [...definition.outputs];
  const parsed = definition.config.safeParse(config);
  try {
    return definition.outputs(parsed.success ? parsed.data : config);
  } catch {
    return [];
  }
}

/** The catalogue of every node type that `@scimflow/nodes` declares. */
export const packageCatalogue: Catalogue = createCatalogue(nodeCatalogue);
