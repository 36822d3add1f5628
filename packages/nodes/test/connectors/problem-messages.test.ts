import { FLOW_FORMAT_VERSION, validateFlow, type FlowDocument } from '@scimflow/flow';
import { describe, expect, it } from 'vitest';
import { createValidationContext } from '../../src/index.js';

function flowWithInvite(config: Record<string, unknown>, label?: string): FlowDocument {
  return {
    formatVersion: FLOW_FORMAT_VERSION,
    name: 'Invite',
    description: '',
    nodes: [
      {
        id: 'trigger',
        type: 'scim.trigger',
        position: { x: 0, y: 0 },
        config: { endpoint: '*', eventTypes: ['user.created'] },
      },
      {
        id: 'invite',
        type: 'github.inviteToOrganization',
        position: { x: 0, y: 120 },
        config,
        credential: 'GitHub',
        ...(label ? { label } : {}),
      },
    ],
    edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'out', target: 'invite' }],
    credentials: [{ name: 'GitHub', type: 'github.token' }],
  };
}

describe('config problem messages', () => {
  it('name the form label and the path', () => {
    const problems = validateFlow(
      flowWithInvite({ email: '{{ user.userName }}' }, 'Invite to GitHub'),
      createValidationContext(),
    );

    const missing = problems.find((problem) => problem.field === 'config.org');
    expect(missing?.message).toBe(
      'Node "invite" (Invite to GitHub) needs a value in Organization ("config.org").',
    );
  });

  it('name only the id without a node label', () => {
    const problems = validateFlow(
      flowWithInvite({ email: '{{ user.userName }}' }),
      createValidationContext(),
    );

    const missing = problems.find((problem) => problem.field === 'config.org');
    expect(missing?.message).toMatch(/^Node "invite" needs a value in Organization/);
  });
});
