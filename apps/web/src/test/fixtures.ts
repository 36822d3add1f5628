import { FLOW_FORMAT_VERSION, type FlowDocument } from '@scimflow/flow';
import { defineNode, type NodeDefinition } from '@scimflow/nodes';
import { z } from 'zod';

import { createCatalogue } from '../catalogue/catalogue.js';

// Node definitions shaped like the ones in `@scimflow/nodes`, small enough to read in a test.
// Their `run` is never called: the designer reads metadata only.
const notRun = async () => {
  throw new Error('The designer never runs nodes.');
};

export const triggerNode = defineNode({
  type: 'scim.trigger',
  label: 'SCIM event',
  category: 'trigger',
  icon: 'bolt',
  description: 'Starts the flow on a provisioning event.',
  isTrigger: true,
  config: z.object({
    events: z
      .array(z.enum(['user.created', 'user.updated', 'user.deleted']))
      .default(['user.created'])
      .meta({ ui: { widget: 'multiselect', label: 'Events' } }),
  }),
  outputs: ['out'],
  summarize: (config) => config.events.join(', '),
  run: notRun,
});

export const conditionNode = defineNode({
  type: 'logic.condition',
  label: 'Condition',
  category: 'logic',
  icon: 'branch',
  description: 'Follows true or false.',
  config: z.object({
    expression: z
      .string()
      .min(1)
      .meta({ ui: { widget: 'expression', label: 'Condition', help: 'A JSONata expression.' } }),
  }),
  outputs: ['true', 'false'],
  summarize: (config) => config.expression,
  run: notRun,
});

export const httpNode = defineNode({
  type: 'http.request',
  label: 'HTTP request',
  category: 'http',
  icon: 'globe',
  description: 'Calls any HTTP API.',
  credentialTypes: ['http.bearer'],
  config: z.object({
    method: z
      .enum(['GET', 'POST', 'PUT'])
      .default('POST')
      .meta({ ui: { label: 'Method' } }),
    url: z
      .string()
      .url()
      .meta({ ui: { widget: 'template', label: 'URL', help: 'Where to send the request.' } }),
    timeoutMs: z
      .number()
      .int()
      .min(100)
      .optional()
      .meta({ ui: { label: 'Timeout (ms)', advanced: true } }),
    followRedirects: z
      .boolean()
      .default(true)
      .meta({ ui: { label: 'Follow redirects' } }),
    headers: z
      .record(z.string(), z.string())
      .default({})
      .meta({ ui: { widget: 'keyValue', label: 'Headers' } }),
    tags: z
      .array(z.string())
      .default([])
      .meta({ ui: { label: 'Tags' } }),
    body: z
      .object({
        text: z
          .string()
          .optional()
          .meta({ ui: { widget: 'textarea', label: 'Text' } }),
      })
      .optional(),
  }),
  outputs: ['out'],
  summarize: (config) => `${config.method} ${config.url}`,
  run: notRun,
});

export const fixtureDefinitions: NodeDefinition[] = [
  triggerNode,
  conditionNode,
  httpNode,
] as unknown as NodeDefinition[];
export const fixtureCatalogue = createCatalogue(fixtureDefinitions);

/** Returns a flow of a trigger wired to a condition; `overrides` replace top-level fields. */
export function sampleDocument(overrides: Partial<FlowDocument> = {}): FlowDocument {
  return {
    formatVersion: FLOW_FORMAT_VERSION,
    name: 'Onboard',
    description: '',
    nodes: [
      {
        id: 'trigger',
        type: 'scim.trigger',
        position: { x: 0, y: 0 },
        config: { events: ['user.created'] },
      },
      {
        id: 'check',
        type: 'logic.condition',
        position: { x: 0, y: 120 },
        config: { expression: 'user.active' },
      },
    ],
    edges: [{ id: 'trigger.out->check', source: 'trigger', sourceHandle: 'out', target: 'check' }],
    credentials: [],
    ...overrides,
  };
}

/** Returns a chain of `count` condition nodes after one trigger, for large-flow tests. */
export function chainDocument(count: number): FlowDocument {
  const nodes: FlowDocument['nodes'] = [
    {
      id: 'trigger',
      type: 'scim.trigger',
      position: { x: 0, y: 0 },
      config: { events: ['user.created'] },
    },
  ];
  const edges: FlowDocument['edges'] = [];
  for (let index = 1; index <= count; index += 1) {
    const previous = nodes[nodes.length - 1]!.id;
    nodes.push({
      id: `n${index}`,
      type: 'logic.condition',
      position: { x: 0, y: index * 100 },
      config: { expression: 'true' },
    });
    edges.push({
      id: `e${index}`,
      source: previous,
      sourceHandle: previous === 'trigger' ? 'out' : 'true',
      target: `n${index}`,
    });
  }
  return {
    formatVersion: FLOW_FORMAT_VERSION,
    name: 'Chain',
    description: '',
    nodes,
    edges,
    credentials: [],
  };
}
