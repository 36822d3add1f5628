import { validateFlow, type FlowDocument } from '@scimflow/flow';
import { describe, expect, it } from 'vitest';

import {
  createValidationContext,
  nodeCatalogue,
  nodeCategories,
  scimTrigger,
  triggerMatches,
  type ScimTriggerConfig,
} from '../../src/index.js';
import { runNode, userEvent } from './harness.js';

const base: ScimTriggerConfig = { endpoint: '*', eventTypes: ['user.created', 'user.updated'] };

describe('triggerMatches', () => {
  it.each([
    ['any endpoint and a listed type', base, {}, true],
    ['the same endpoint', { ...base, endpoint: 'asgardeo' }, {}, true],
    ['another endpoint', { ...base, endpoint: 'okta' }, {}, false],
    ['an unlisted type', base, { type: 'user.deleted' as const }, false],
    [
      'a true condition',
      { ...base, condition: 'user.active and user.title = "Engineer"' },
      {},
      true,
    ],
    ['a false condition', { ...base, condition: 'user.title = "Sales"' }, {}, false],
    ['a condition on a missing field', { ...base, condition: 'member.value' }, {}, false],
    ['a blank condition', { ...base, condition: '  ' }, {}, true],
  ])('%s → %s', async (_name, config, overrides, expected) => {
    expect(await triggerMatches(config, userEvent(overrides))).toBe(expected);
  });

  it('names the node and field of a failing condition', async () => {
    const failure = triggerMatches({ ...base, condition: '$number("x")' }, userEvent(), 'start');

    await expect(failure).rejects.toMatchObject({ nodeId: 'start', field: 'config.condition' });
  });
});

describe('scim.trigger', () => {
  it('outputs the event', async () => {
    const event = userEvent();

    const result = await runNode(scimTrigger, { eventTypes: ['user.created'] }, event);

    expect(result.output).toEqual(event);
  });

  it('defaults to any endpoint', () => {
    expect(scimTrigger.config.parse({ eventTypes: ['group.created'] }).endpoint).toBe('*');
  });

  it('rejects an unknown event type', () => {
    expect(scimTrigger.config.safeParse({ eventTypes: ['user.renamed'] }).success).toBe(false);
  });
});

describe('nodeCatalogue', () => {
  it('has unique types in known categories', () => {
    const types = nodeCatalogue.map((definition) => definition.type);
    const categories = new Set(nodeCategories.map((category) => category.id));

    expect(new Set(types).size).toBe(types.length);
    for (const definition of nodeCatalogue) expect(categories.has(definition.category)).toBe(true);
  });

  it('validates a flow of catalogue nodes', () => {
    const document: FlowDocument = {
      formatVersion: 1,
      name: 'Route',
      description: '',
      credentials: [],
      nodes: [
        {
          id: 'start',
          type: 'scim.trigger',
          position: { x: 0, y: 0 },
          config: { eventTypes: ['user.created'] },
        },
        {
          id: 'route',
          type: 'logic.switch',
          position: { x: 0, y: 0 },
          config: { cases: [{ name: 'eng', expression: 'user.title = "Engineer"' }] },
        },
        {
          id: 'done',
          type: 'logic.log',
          position: { x: 0, y: 0 },
          config: { message: 'hi {{ user.( }}' },
        },
        {
          id: 'call',
          type: 'http.request',
          position: { x: 0, y: 0 },
          config: { url: 'http://127.0.0.1:9/hook', body: { name: '{{ user.name.( }}' } },
        },
      ],
      edges: [
        { id: 'e1', source: 'start', sourceHandle: 'out', target: 'route' },
        { id: 'e2', source: 'route', sourceHandle: 'other', target: 'done' },
        { id: 'e3', source: 'route', sourceHandle: 'default', target: 'call' },
      ],
    };

    const problems = validateFlow(document, createValidationContext([]));

    expect(problems.map((problem) => [problem.code, problem.nodeId, problem.field])).toEqual([
      ['expression_invalid', 'done', 'config.message'],
      ['expression_invalid', 'call', 'config.body.name'],
      ['edge_port_unknown', 'route', undefined],
    ]);
  });
});
