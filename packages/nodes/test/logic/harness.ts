import {
  buildScope,
  collectExpressionFields,
  resolveConfig,
  type ProvisioningEvent,
  type StepScope,
} from '@scimflow/flow';

import type { NodeDefinition, NodeResult } from '../../src/index.js';

/** A user.created event from an Asgardeo endpoint. */
export function userEvent(overrides: Partial<ProvisioningEvent> = {}): ProvisioningEvent {
  return {
    id: 'evt_1',
    type: 'user.created',
    endpoint: 'asgardeo',
    dialect: 'asgardeo-scim2',
    acceptedAt: '2026-12-04T10:00:00.000Z',
    resourceType: 'User',
    resourceId: 'u-1',
    user: {
      userName: 'kim@example.com',
      title: 'Engineer',
      department: 'Platform',
      name: { givenName: 'Kim', familyName: 'Lee' },
      emails: [{ value: 'kim@example.com', primary: true }],
      active: true,
    },
    before: null,
    after: { active: true },
    changes: [],
    ...overrides,
  };
}

export interface LoggedLine {
  level: string;
  message: string;
}

/**
 * Runs a node the way the runtime does: validates the config with the node's schema, resolves
 * its expression fields over the event and earlier steps, then calls `run`.
 */
export async function runNode(
  definition: NodeDefinition,
  rawConfig: Record<string, unknown>,
  event: ProvisioningEvent = userEvent(),
  steps: Record<string, StepScope> = {},
): Promise<NodeResult & { logged: LoggedLine[] }> {
  const config = definition.config.parse(rawConfig) as Record<string, unknown>;
  const fields = collectExpressionFields(definition.config);
  const resolved = await resolveConfig(config, fields, buildScope(event, steps), 'node');
  const logged: LoggedLine[] = [];

  const result = await definition.run({
    config: resolved,
    event,
    http: {
      request: () => Promise.reject(new Error('Logic nodes send no HTTP requests.')),
    },
    idempotencyKey: 'exec_1:node',
    dryRun: false,
    signal: new AbortController().signal,
    log: (level, message) => logged.push({ level, message }),
  });
  return { ...result, logged };
}
