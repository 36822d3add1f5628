import { describe, expect, it } from 'vitest';

import { dispatchEvent, type PublishedFlow } from '../src/index.js';
import { flow, node, userEvent } from './harness.js';

function published(flowId: string, triggerConfig: Record<string, unknown>): PublishedFlow {
  const document = flow([], []);
  document.nodes[0] = node('start', 'scim.trigger', triggerConfig);
  return { flowId, versionId: `${flowId}-v3`, document };
}

describe('dispatchEvent', () => {
  it('returns the pinned versions of matching flows', async () => {
    const flows = [
      published('anyEndpoint', { eventTypes: ['user.created'] }),
      published('thisEndpoint', {
        endpoint: 'asgardeo',
        eventTypes: ['user.created', 'user.updated'],
      }),
      published('otherEndpoint', { endpoint: 'okta', eventTypes: ['user.created'] }),
      published('otherType', { eventTypes: ['group.created'] }),
      published('engineers', {
        eventTypes: ['user.created'],
        condition: 'user.title = "Engineer"',
      }),
      published('sales', { eventTypes: ['user.created'], condition: 'user.title = "Sales"' }),
    ];

    const result = await dispatchEvent(userEvent(), flows);

    expect(result.matched).toEqual([
      { flowId: 'anyEndpoint', versionId: 'anyEndpoint-v3' },
      { flowId: 'thisEndpoint', versionId: 'thisEndpoint-v3' },
      { flowId: 'engineers', versionId: 'engineers-v3' },
    ]);
    expect(result.failed).toEqual([]);
  });

  it('reports a failing condition and an invalid trigger', async () => {
    const flows = [
      published('broken', { eventTypes: ['user.created'], condition: '$number("x")' }),
      published('invalid', { eventTypes: [] }),
    ];

    const result = await dispatchEvent(userEvent(), flows);

    expect(result.matched).toEqual([]);
    expect(result.failed).toMatchObject([
      {
        flowId: 'broken',
        nodeId: 'start',
        message: expect.stringContaining('field "config.condition"'),
      },
      { flowId: 'invalid', nodeId: 'start', message: expect.stringContaining('invalid config') },
    ]);
  });
});
