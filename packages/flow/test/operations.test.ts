import { describe, expect, it } from 'vitest';

import { applyOperation, OperationError, type FlowOperation } from '../src/index.js';
import { node, validFlow } from './catalogue.js';

const operations: [string, FlowOperation][] = [
  ['addNode at the end', { type: 'addNode', node: node('log', 'logic.log', { message: 'hi' }) }],
  ['addNode at an index', { type: 'addNode', node: node('log', 'logic.log'), index: 1 }],
  ['removeNodes with their edges', { type: 'removeNodes', nodeIds: ['isEngineer', 'notify'] }],
  ['moveNodes', { type: 'moveNodes', moves: [{ nodeId: 'invite', position: { x: 10, y: 20 } }] }],
  [
    'updateNodeConfig set',
    { type: 'updateNodeConfig', nodeId: 'invite', set: { org: 'acme-labs', team: 'eng' } },
  ],
  [
    'updateNodeConfig unset',
    { type: 'updateNodeConfig', nodeId: 'invite', unset: ['org', 'absent'] },
  ],
  ['renameNode', { type: 'renameNode', nodeId: 'invite', label: 'Invite to GitHub' }],
  [
    'connect',
    {
      type: 'connect',
      edge: { id: 'e4', source: 'trigger', sourceHandle: 'out', target: 'notify' },
    },
  ],
  ['disconnect', { type: 'disconnect', edgeIds: ['e3', 'e1'] }],
  ['setCredential clear', { type: 'setCredential', nodeId: 'invite' }],
  ['setCredential', { type: 'setCredential', nodeId: 'notify', credential: 'Webhook bearer' }],
  [
    'addCredentialReference',
    { type: 'addCredentialReference', reference: { name: 'Webhook bearer', type: 'http.bearer' } },
  ],
  ['removeCredentialReference', { type: 'removeCredentialReference', name: 'GitHub org token' }],
  ['setRetry', { type: 'setRetry', nodeId: 'notify', retry: { maxAttempts: 5 } }],
  ['updateFlow', { type: 'updateFlow', name: 'Renamed', description: 'New text' }],
  [
    'batch',
    {
      type: 'batch',
      operations: [
        { type: 'addNode', node: node('log', 'logic.log') },
        {
          type: 'connect',
          edge: { id: 'e9', source: 'invite', sourceHandle: 'out', target: 'log' },
        },
        { type: 'removeNodes', nodeIds: ['notify'] },
      ],
    },
  ],
];

describe('applyOperation', () => {
  it.each(operations)('%s and its inverse restore the document', (_name, operation) => {
    const original = validFlow();
    const frozen = structuredClone(original);

    const applied = applyOperation(original, operation);
    const undone = applyOperation(applied.document, applied.inverse);
    const redone = applyOperation(undone.document, undone.inverse);

    expect(applied.document).not.toEqual(original);
    expect(undone.document).toEqual(original);
    expect(redone.document).toEqual(applied.document);
    expect(original).toEqual(frozen);
  });

  it('removes edges that touch removed nodes', () => {
    const { document } = applyOperation(validFlow(), {
      type: 'removeNodes',
      nodeIds: ['isEngineer'],
    });

    expect(document.nodes.map((entry) => entry.id)).toEqual(['trigger', 'invite', 'notify']);
    expect(document.edges).toEqual([]);
  });

  it('keeps unchanged nodes identical', () => {
    const original = validFlow();

    const { document } = applyOperation(original, {
      type: 'renameNode',
      nodeId: 'invite',
      label: 'x',
    });

    expect(document.nodes[0]).toBe(original.nodes[0]);
    expect(document.nodes[2]).not.toBe(original.nodes[2]);
  });

  it.each([
    [
      'a taken node id',
      { type: 'addNode', node: node('invite', 'logic.log') },
      /Node id "invite" is taken/,
    ],
    [
      'an unknown node',
      { type: 'moveNodes', moves: [{ nodeId: 'ghost', position: { x: 0, y: 0 } }] },
      /Node "ghost" does not exist/,
    ],
    ['an unknown edge', { type: 'disconnect', edgeIds: ['ghost'] }, /Edge "ghost" does not exist/],
    [
      'a taken edge id',
      { type: 'connect', edge: { id: 'e1', source: 'a', sourceHandle: 'out', target: 'b' } },
      /Edge id "e1" is taken/,
    ],
    [
      'a listed credential',
      {
        type: 'addCredentialReference',
        reference: { name: 'GitHub org token', type: 'github.token' },
      },
      /already listed/,
    ],
  ] as [string, FlowOperation, RegExp][])('rejects %s', (_name, operation, message) => {
    expect(() => applyOperation(validFlow(), operation)).toThrow(OperationError);
    expect(() => applyOperation(validFlow(), operation)).toThrow(message);
  });
});
