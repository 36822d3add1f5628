import type { KnownCredential, NodeTypeInfo, ValidationContext } from '@scimflow/flow';

import { connectorNodes } from './connectors/index.js';
import type { NodeCategory, NodeDefinition } from './define.js';
import { logicNodes } from './logic/index.js';
import { triggerNodes } from './trigger/index.js';

/** Palette categories in display order, with their labels. */
export const nodeCategories: readonly { id: NodeCategory; label: string }[] = [
  { id: 'trigger', label: 'Triggers' },
  { id: 'github', label: 'GitHub' },
  { id: 'google', label: 'Google Workspace' },
  { id: 'sheets', label: 'Google Sheets' },
  { id: 'http', label: 'HTTP' },
  { id: 'logic', label: 'Logic and data' },
];

/** Every node type in this build: triggers, connectors, logic and data nodes. */
export const nodeCatalogue: readonly NodeDefinition[] = [
  ...triggerNodes,
  ...connectorNodes,
  ...logicNodes,
] as readonly NodeDefinition[];

const definitionByType = new Map(nodeCatalogue.map((definition) => [definition.type, definition]));

/** Returns the definition of a node type, or undefined for an unknown type. */
export function getNodeDefinition(type: string): NodeDefinition | undefined {
  return definitionByType.get(type);
}

/**
 * Returns the facts that validateFlow needs about a node type. HTTP nodes may run without a
 * credential (public APIs); every other node that declares credential types needs one.
 */
export function getNodeTypeInfo(type: string): NodeTypeInfo | undefined {
  const definition = getNodeDefinition(type);
  if (!definition) return undefined;

  return {
    config: definition.config,
    outputs: definition.outputs as NodeTypeInfo['outputs'],
    isTrigger: definition.isTrigger,
    credentialTypes: definition.credentialTypes,
    credentialRequired: definition.category !== 'http',
  };
}

/** Builds the context for validateFlow from this catalogue and the credentials in the store. */
export function createValidationContext(
  credentials?: readonly KnownCredential[],
): ValidationContext {
  return { getNodeType: getNodeTypeInfo, credentials };
}
