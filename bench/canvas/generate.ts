/** A node of a generated flow document, in the shape of `@scimflow/flow`'s FlowNode. */
interface GeneratedNode {
  id: string;
  type: string;
  position: { x: number; y: number };
  config: Record<string, unknown>;
}

/** An edge of a generated flow document. */
interface GeneratedEdge {
  id: string;
  source: string;
  sourceHandle: string;
  target: string;
}

const COLUMN_WIDTH = 260;
const ROW_HEIGHT = 120;
// Every fifth row of a chain is a condition. Its `false` port ends in a log node beside it.
const CONDITION_EVERY = 5;

/**
 * Builds a valid flow document of exactly `nodeCount` nodes. A SCIM trigger fans out into
 * `chains` vertical chains of transform nodes. A condition every few rows continues the chain
 * from its `true` port and ends in a log node from its `false` port.
 */
export function generateFlowDocument(name: string, nodeCount: number, chains = 10) {
  if (nodeCount < 2) throw new Error(`Invalid node count ${nodeCount}: expected at least 2`);

  const nodes: GeneratedNode[] = [
    {
      id: 'trigger',
      type: 'scim.trigger',
      position: { x: ((chains - 1) * COLUMN_WIDTH) / 2, y: 0 },
      config: { endpoint: '*', eventTypes: ['user.created'] },
    },
  ];
  const edges: GeneratedEdge[] = [];
  const tails = Array.from({ length: chains }, () => ({ id: 'trigger', port: 'out', row: 0 }));

  for (let index = 0; nodes.length < nodeCount; index += 1) {
    const chain = index % chains;
    const tail = tails[chain]!;
    const row = tail.row + 1;
    const x = chain * COLUMN_WIDTH * 2;
    const isCondition = row % CONDITION_EVERY === 0 && nodes.length + 2 <= nodeCount;
    const id = `${isCondition ? 'check' : 'step'}_${chain}_${row}`;

    nodes.push({
      id,
      type: isCondition ? 'logic.condition' : 'logic.transform',
      position: { x, y: row * ROW_HEIGHT },
      config: isCondition
        ? { expression: `$count(user.emails) > ${row % 3}` }
        : { fields: { label: `{{ user.userName }} ${row}` } },
    });
    edges.push({ id: `e_${id}`, source: tail.id, sourceHandle: tail.port, target: id });

    if (isCondition) {
      const leaf = `skip_${chain}_${row}`;
      nodes.push({
        id: leaf,
        type: 'logic.log',
        position: { x: x + COLUMN_WIDTH, y: row * ROW_HEIGHT },
        config: { level: 'info', message: `skipped at ${id}` },
      });
      edges.push({ id: `e_${leaf}`, source: id, sourceHandle: 'false', target: leaf });
    }
    tails[chain] = { id, port: isCondition ? 'true' : 'out', row };
  }

  return {
    formatVersion: 1,
    name,
    description: `Generated for the canvas benchmark: ${nodeCount} nodes.`,
    nodes,
    edges,
    credentials: [],
  };
}
