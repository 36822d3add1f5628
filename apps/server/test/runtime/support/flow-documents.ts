import type { FlowDocument, FlowNode, ProvisioningEventType } from '@scimflow/flow';

/** A node of a chain, with the port of it that the next node hangs off (default `out`). */
export interface ChainStep {
  id: string;
  type: string;
  config: Record<string, unknown>;
  credential?: { name: string; type: string };
  next?: string;
}

/**
 * Builds a flow whose nodes run one after another: a SCIM trigger on `endpoint` for
 * `eventTypes`, then each step, each connected from the previous step's `next` port.
 */
export function chainFlow(
  name: string,
  trigger: { endpoint: string; eventTypes: ProvisioningEventType[]; condition?: string },
  steps: ChainStep[],
): FlowDocument {
  const nodes: FlowNode[] = [
    { id: 'trigger', type: 'scim.trigger', position: { x: 0, y: 0 }, config: { ...trigger } },
  ];
  const edges: FlowDocument['edges'] = [];
  let previous = { id: 'trigger', port: 'out' };

  steps.forEach((step, index) => {
    const node: FlowNode = {
      id: step.id,
      type: step.type,
      position: { x: 0, y: (index + 1) * 120 },
      config: step.config,
    };
    if (step.credential) node.credential = step.credential.name;
    nodes.push(node);
    edges.push({
      id: `${previous.id}-${step.id}`,
      source: previous.id,
      sourceHandle: previous.port,
      target: step.id,
    });
    previous = { id: step.id, port: step.next ?? 'out' };
  });

  const credentials = new Map(
    steps.flatMap((step) => (step.credential ? [[step.credential.name, step.credential]] : [])),
  );
  return {
    formatVersion: 1,
    name,
    description: '',
    nodes,
    edges,
    credentials: [...credentials.values()],
  };
}
