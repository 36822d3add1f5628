import type { FlowDocument, ProvisioningEvent } from '@scimflow/flow';
import {
  getNodeDefinition as catalogueLookup,
  triggerMatches,
  ScimTriggerConfigSchema,
  type NodeDefinition,
} from '@scimflow/nodes';

/** A published flow for dispatching: the flow, its pinned version and that version's document. */
export interface PublishedFlow {
  flowId: string;
  versionId: string;
  document: FlowDocument;
}

/** A flow whose trigger matched an event, with the version to pin the execution to. */
export interface DispatchMatch {
  flowId: string;
  versionId: string;
}

/** A flow whose trigger could not be checked, such as a condition that failed to evaluate. */
export interface DispatchFailure extends DispatchMatch {
  nodeId: string;
  message: string;
}

export interface DispatchResult {
  matched: DispatchMatch[];
  failed: DispatchFailure[];
}

/**
 * Returns the published flows whose trigger matches an event: same endpoint (or any), a listed
 * event type, and a true condition. A flow whose trigger config is invalid or whose condition
 * fails is listed under `failed` with the reason, so the server can record it instead of losing
 * the event silently.
 */
export async function dispatchEvent(
  event: ProvisioningEvent,
  publishedFlows: readonly PublishedFlow[],
  getNodeDefinition: (type: string) => NodeDefinition | undefined = catalogueLookup,
): Promise<DispatchResult> {
  const result: DispatchResult = { matched: [], failed: [] };

  for (const flow of publishedFlows) {
    const reference = { flowId: flow.flowId, versionId: flow.versionId };
    const trigger = flow.document.nodes.find((node) => getNodeDefinition(node.type)?.isTrigger);
    if (!trigger) continue;

    const config = ScimTriggerConfigSchema.safeParse(trigger.config);
    if (!config.success) {
      result.failed.push({
        ...reference,
        nodeId: trigger.id,
        message: `Trigger "${trigger.id}" of flow "${flow.document.name}" has an invalid config: ${config.error.issues[0]?.message ?? 'unknown issue'}. Fix it and publish again.`,
      });
      continue;
    }

    try {
      if (await triggerMatches(config.data, event, trigger.id)) result.matched.push(reference);
    } catch (error) {
      result.failed.push({ ...reference, nodeId: trigger.id, message: (error as Error).message });
    }
  }
  return result;
}
