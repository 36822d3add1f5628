import {
  validateFlow,
  type FlowDocument,
  type KnownCredential,
  type NodeTypeInfo,
} from '@scimflow/flow';

import { hostAllowlistProblems, type HostAllowlist } from '@scimflow/nodes';

import type { Problem } from '../api/types.js';
import type { Catalogue } from '../catalogue/catalogue.js';

/**
 * Validates a flow draft with `validateFlow`, the same rules the server applies before it
 * publishes. Without `credentials`, credential names are checked against the document's list.
 * With `allowedHosts`, fixed URLs outside the server's host allowlist get a warning.
 */
export function validateDraft(
  document: FlowDocument,
  catalogue: Catalogue,
  credentials?: readonly KnownCredential[],
  allowedHosts?: HostAllowlist,
): Problem[] {
  const problems: Problem[] = validateFlow(document, {
    getNodeType: (type) => nodeTypeInfo(catalogue, type),
    credentials,
  });
  if (allowedHosts) problems.push(...hostAllowlistProblems(document, allowedHosts));
  return problems;
}

function nodeTypeInfo(catalogue: Catalogue, type: string): NodeTypeInfo | undefined {
  const definition = catalogue.get(type);
  if (!definition) return undefined;

  return {
    config: definition.config,
    outputs: definition.outputs as NodeTypeInfo['outputs'],
    isTrigger: definition.isTrigger,
    credentialTypes: definition.credentialTypes,
    // NOTE: mirrors `getNodeTypeInfo` in `@scimflow/nodes`: HTTP nodes may call public APIs
    // without a credential, every other node that declares credential types needs one.
    credentialRequired: definition.category !== 'http',
  };
}
