import { describe, expect, it } from 'vitest';

import { canPublish, validateFlow, type FlowDocument, type FlowProblem } from '../src/index.js';
import { node, testContext, validFlow } from './catalogue.js';

type Edit = (document: FlowDocument) => void;

const cases: [string, Edit, Partial<FlowProblem>[]][] = [
  [
    'no trigger',
    (d) => {
      d.nodes.shift();
      d.edges.shift();
    },
    [{ code: 'trigger_missing', severity: 'error' }],
  ],
  [
    'two triggers',
    (d) => d.nodes.push(node('second', 'scim.trigger')),
    [{ code: 'trigger_multiple', nodeId: 'second' }],
  ],
  [
    'a cycle',
    (d) => {
      d.nodes.push(node('loop', 'logic.condition', { expression: 'true' }));
      d.edges.push({ id: 'c1', source: 'invite', sourceHandle: 'out', target: 'loop' });
      d.edges.push({ id: 'c2', source: 'loop', sourceHandle: 'true', target: 'isEngineer' });
    },
    [{ code: 'cycle', edgeId: 'c2', nodeId: 'isEngineer' }],
  ],
  [
    'a self-loop',
    (d) => d.edges.push({ id: 'self', source: 'invite', sourceHandle: 'out', target: 'invite' }),
    [{ code: 'cycle', edgeId: 'self' }],
  ],
  [
    'an edge to a missing node',
    (d) => d.edges.push({ id: 'e9', source: 'invite', sourceHandle: 'out', target: 'ghost' }),
    [{ code: 'edge_target_missing', edgeId: 'e9' }],
  ],
  [
    'an edge from a missing node',
    (d) => d.edges.push({ id: 'e9', source: 'ghost', sourceHandle: 'out', target: 'invite' }),
    [{ code: 'edge_source_missing', edgeId: 'e9' }],
  ],
  [
    'an edge from an unknown port',
    (d) => (d.edges[1]!.sourceHandle = 'maybe'),
    [{ code: 'edge_port_unknown', edgeId: 'e2', nodeId: 'isEngineer' }],
  ],
  [
    'an edge into the trigger',
    (d) => d.edges.push({ id: 'back', source: 'notify', sourceHandle: 'out', target: 'trigger' }),
    [
      { code: 'edge_target_trigger', edgeId: 'back', nodeId: 'trigger' },
      { code: 'cycle', edgeId: 'back' },
    ],
  ],
  [
    'a duplicate edge id',
    (d) => d.edges.push({ id: 'e1', source: 'isEngineer', sourceHandle: 'true', target: 'notify' }),
    [{ code: 'edge_id_duplicate', edgeId: 'e1' }],
  ],
  [
    'an unknown node type',
    (d) => (d.nodes[3]!.type = 'slack.post'),
    [{ code: 'node_type_unknown', nodeId: 'notify', field: 'type' }],
  ],
  [
    'a duplicate node id',
    (d) => d.nodes.push(node('invite', 'logic.condition', { expression: 'true' })),
    [{ code: 'node_id_duplicate', nodeId: 'invite' }],
  ],
  [
    'a missing config field',
    (d) => delete d.nodes[2]!.config.org,
    [{ code: 'config_invalid', nodeId: 'invite', field: 'config.org' }],
  ],
  [
    'an invalid nested config field',
    (d) => {
      d.nodes[1] = node('isEngineer', 'logic.switch', {
        cases: [{ name: '', expression: 'true' }],
      });
      d.edges[1]!.sourceHandle = 'default';
      d.edges[2]!.sourceHandle = 'default';
    },
    [{ code: 'config_invalid', nodeId: 'isEngineer', field: 'config.cases.0.name' }],
  ],
  [
    'a switch edge from a missing case',
    (d) => {
      d.nodes[1] = node('isEngineer', 'logic.switch', {
        cases: [{ name: 'eng', expression: 'true' }],
      });
      d.edges[1]!.sourceHandle = 'eng';
      d.edges[2]!.sourceHandle = 'sales';
    },
    [{ code: 'edge_port_unknown', edgeId: 'e3' }],
  ],
  [
    'an expression that does not parse',
    (d) => (d.nodes[1]!.config.expression = 'user.title = '),
    [{ code: 'expression_invalid', nodeId: 'isEngineer', field: 'config.expression' }],
  ],
  [
    'a template part that does not parse',
    (d) => (d.nodes[3]!.config.url = 'http://127.0.0.1:9/{{ user.( }}'),
    [{ code: 'expression_invalid', nodeId: 'notify', field: 'config.url' }],
  ],
  [
    'an unclosed template part',
    (d) => (d.nodes[3]!.config.url = 'http://127.0.0.1:9/{{ user.userName'),
    [{ code: 'expression_invalid', nodeId: 'notify', field: 'config.url' }],
  ],
  [
    'a missing required credential',
    (d) => delete d.nodes[2]!.credential,
    [{ code: 'credential_missing', nodeId: 'invite', field: 'credential' }],
  ],
  [
    'an unknown credential',
    (d) => (d.nodes[2]!.credential = 'Old token'),
    [{ code: 'credential_not_found', nodeId: 'invite', field: 'credential' }],
  ],
  [
    'a credential of the wrong type',
    (d) => (d.nodes[2]!.credential = 'Webhook bearer'),
    [{ code: 'credential_type_mismatch', nodeId: 'invite', field: 'credential' }],
  ],
  [
    'a credential on a node that takes none',
    (d) => (d.nodes[1]!.credential = 'Webhook bearer'),
    [{ code: 'credential_not_accepted', nodeId: 'isEngineer' }],
  ],
  [
    'a reference to an unknown step',
    (d) => (d.nodes[3]!.config.url = 'http://127.0.0.1:9/{{ steps.ghost.output.id }}'),
    [
      {
        code: 'step_reference_unknown',
        nodeId: 'notify',
        field: 'config.url',
        severity: 'warning',
      },
    ],
  ],
  [
    'a reference to a step on another branch',
    (d) => (d.nodes[3]!.config.url = 'http://127.0.0.1:9/{{ steps.invite.output.id }}'),
    [
      {
        code: 'step_reference_not_upstream',
        nodeId: 'notify',
        field: 'config.url',
        severity: 'warning',
      },
    ],
  ],
  [
    'an unreachable node',
    (d) => d.nodes.push(node('orphan', 'logic.condition', { expression: 'true' })),
    [{ code: 'node_unreachable', nodeId: 'orphan', severity: 'warning' }],
  ],
];

describe('validateFlow', () => {
  it('finds no problem in a valid flow', () => {
    expect(validateFlow(validFlow(), testContext)).toEqual([]);
  });

  it('accepts a reference to an upstream step', () => {
    const document = validFlow();
    document.nodes[3]!.config.url = 'http://127.0.0.1:9/{{ steps.isEngineer.output.result }}';

    expect(validateFlow(document, testContext)).toEqual([]);
  });

  it('accepts an optional credential left out', () => {
    const document = validFlow();

    expect(document.nodes[3]!.credential).toBeUndefined();
    expect(validateFlow(document, testContext)).toEqual([]);
  });

  it.each(cases)('reports %s', (_name, edit, expected) => {
    const document = structuredClone(validFlow());
    edit(document);

    const problems = validateFlow(document, testContext);

    expect(problems).toHaveLength(expected.length);
    for (const [index, problem] of expected.entries()) {
      expect(problems[index]).toMatchObject({ severity: 'error', ...problem });
      expect(problems[index]!.message.length).toBeGreaterThan(20);
    }
  });

  it('checks credentials against the document list without a store', () => {
    const document = validFlow();

    expect(validateFlow(document, { getNodeType: testContext.getNodeType })).toEqual([]);

    document.credentials = [];
    expect(validateFlow(document, { getNodeType: testContext.getNodeType })).toMatchObject([
      { code: 'credential_not_found', nodeId: 'invite' },
    ]);
  });

  it('handles a long chain without recursion', () => {
    const document = validFlow();
    for (let index = 0; index < 5_000; index++) {
      document.nodes.push(node(`n${index}`, 'logic.condition', { expression: 'true' }));
      const source = index === 0 ? 'invite' : `n${index - 1}`;
      const sourceHandle = index === 0 ? 'out' : 'true';
      document.edges.push({ id: `c${index}`, source, sourceHandle, target: `n${index}` });
    }

    expect(validateFlow(document, testContext)).toEqual([]);
  });

  it('follows step references along a long chain', () => {
    const document = validFlow();
    for (let index = 0; index < 2_000; index++) {
      const expression = index === 0 ? 'true' : 'steps.invite.output.id != steps.n0.output.id';
      document.nodes.push(node(`n${index}`, 'logic.condition', { expression }));
      const source = index === 0 ? 'invite' : `n${index - 1}`;
      const sourceHandle = index === 0 ? 'out' : 'true';
      document.edges.push({ id: `c${index}`, source, sourceHandle, target: `n${index}` });
    }
    document.nodes[1]!.config.expression = 'steps.n1999.output.result';

    const problems = validateFlow(document, testContext);

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code: 'step_reference_not_upstream',
      nodeId: 'isEngineer',
    });
  });

  it('counts a node in a cycle as upstream of itself', () => {
    const document = validFlow();
    document.nodes[1]!.config.expression = 'steps.isEngineer.output.result';
    document.edges.push({
      id: 'back',
      source: 'invite',
      sourceHandle: 'out',
      target: 'isEngineer',
    });

    const codes = validateFlow(document, testContext).map((problem) => problem.code);

    expect(codes).toEqual(['cycle']);
  });
});

describe('canPublish', () => {
  it.each([
    [[], true],
    [[{ code: 'node_unreachable', severity: 'warning', message: 'm' }], true],
    [[{ code: 'cycle', severity: 'error', message: 'm' }], false],
  ] as [FlowProblem[], boolean][])('returns %j → %s', (problems, expected) => {
    expect(canPublish(problems)).toBe(expected);
  });
});
