import { z } from 'zod';

import type { FlowDocument, FlowNode, NodeTypeInfo, ValidationContext } from '../src/index.js';

/** A small node catalogue for flow tests, shaped like the real one in packages/nodes. */
export const testNodeTypes: Record<string, NodeTypeInfo> = {
  'scim.trigger': {
    isTrigger: true,
    outputs: ['out'],
    config: z.object({
      condition: z
        .string()
        .optional()
        .meta({ ui: { widget: 'expression' } }),
    }),
  },
  'logic.condition': {
    outputs: ['true', 'false'],
    config: z.object({
      expression: z
        .string()
        .min(1)
        .meta({ ui: { widget: 'expression' } }),
    }),
  },
  'logic.switch': {
    outputs: ((config: { cases: { name: string }[] }) => [
      ...config.cases.map((entry) => entry.name),
      'default',
    ]) as NodeTypeInfo['outputs'],
    config: z.object({
      cases: z.array(
        z.object({
          name: z.string().min(1),
          expression: z.string().meta({ ui: { widget: 'expression' } }),
        }),
      ),
    }),
  },
  'github.invite': {
    outputs: ['out'],
    credentialTypes: ['github.token', 'github.app'],
    config: z.object({
      org: z.string().min(1),
      email: z
        .email()
        .or(z.string().includes('{{'))
        .meta({ ui: { widget: 'template' } }),
    }),
  },
  'http.request': {
    outputs: ['out'],
    credentialTypes: ['http.bearer'],
    credentialRequired: false,
    config: z.object({ url: z.string().meta({ ui: { widget: 'template' } }) }),
  },
};

export const testContext: ValidationContext = {
  getNodeType: (type) => testNodeTypes[type],
  credentials: [
    { name: 'GitHub org token', type: 'github.token' },
    { name: 'Webhook bearer', type: 'http.bearer' },
  ],
};

/** Returns a node with a position and the given fields. */
export function node(
  id: string,
  type: string,
  config: Record<string, unknown> = {},
  extra: Partial<FlowNode> = {},
): FlowNode {
  return { id, type, position: { x: 0, y: 0 }, config, ...extra };
}

/** Returns a valid flow: trigger → condition → (true) invite, (false) http. */
export function validFlow(): FlowDocument {
  return {
    formatVersion: 1,
    name: 'Onboard',
    description: '',
    credentials: [{ name: 'GitHub org token', type: 'github.token' }],
    nodes: [
      node('trigger', 'scim.trigger', { condition: 'user.active' }),
      node('isEngineer', 'logic.condition', { expression: 'user.title = "Engineer"' }),
      node(
        'invite',
        'github.invite',
        { org: 'acme', email: '{{ user.emails[primary].value }}' },
        { credential: 'GitHub org token' },
      ),
      node('notify', 'http.request', { url: 'http://127.0.0.1:9/{{ user.userName }}' }),
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'out', target: 'isEngineer' },
      { id: 'e2', source: 'isEngineer', sourceHandle: 'true', target: 'invite' },
      { id: 'e3', source: 'isEngineer', sourceHandle: 'false', target: 'notify' },
    ],
  };
}
