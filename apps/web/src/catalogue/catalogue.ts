import {
  nodeCatalogue,
  nodeCategories,
  type NodeCategory,
  type NodeDefinition,
} from '@scimflow/nodes';

/** The node types the designer offers, looked up by type. Metadata only: never call `run`. */
export interface Catalogue {
  readonly definitions: readonly NodeDefinition[];
  get(type: string): NodeDefinition | undefined;
}

/** Palette headings of the node categories, in the palette's order, from `@scimflow/nodes`. */
export const CATEGORY_LABELS: Record<NodeCategory, string> = Object.fromEntries(
  nodeCategories.map((category) => [category.id, category.label]),
) as Record<NodeCategory, string>;

/** Builds a catalogue from node definitions. */
export function createCatalogue(definitions: readonly NodeDefinition[]): Catalogue {
  const byType = new Map(definitions.map((definition) => [definition.type, definition]));
  return { definitions, get: (type) => byType.get(type) };
}

/**
 * Returns the output ports of a node with the given config. Config-dependent ports (switch
 * cases) are read from the raw config while it does not parse yet, and are empty if that throws.
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
