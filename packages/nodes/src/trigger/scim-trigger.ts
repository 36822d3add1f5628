import {
  evaluateExpression,
  isTruthy,
  PROVISIONING_EVENT_TYPES,
  ProvisioningEventTypeSchema,
  type ProvisioningEvent,
} from '@scimflow/flow';
import { z } from 'zod';

import { defineNode } from '../define.js';

/** The endpoint value that matches events from every SCIM endpoint. */
export const ANY_ENDPOINT = '*';

export const ScimTriggerConfigSchema = z.object({
  endpoint: z
    .string()
    .min(1)
    .default(ANY_ENDPOINT)
    .meta({
      ui: {
        widget: 'text',
        label: 'SCIM endpoint',
        help: 'Slug of the SCIM endpoint whose events start this flow, or * for every endpoint.',
        placeholder: ANY_ENDPOINT,
      },
    }),
  eventTypes: z
    .array(ProvisioningEventTypeSchema)
    .min(1, 'Choose at least one event type.')
    .meta({
      ui: {
        widget: 'multiselect',
        label: 'Events',
        options: PROVISIONING_EVENT_TYPES.map((type) => ({ value: type, label: type })),
      },
    }),
  condition: z
    .string()
    .optional()
    .meta({
      ui: {
        widget: 'expression',
        label: 'Only when',
        help: 'JSONata expression over the event. The flow runs only when it is true.',
        placeholder: 'user.active and $contains(user.userName, "@example.com")',
        advanced: true,
      },
    }),
});

export type ScimTriggerConfig = z.infer<typeof ScimTriggerConfigSchema>;

/**
 * Starts a flow on SCIM provisioning events. The dispatcher picks flows with triggerMatches; when
 * the flow runs, the trigger's output is the event.
 */
export const scimTrigger = defineNode({
  type: 'scim.trigger',
  label: 'SCIM event',
  category: 'trigger',
  icon: 'zap',
  description:
    'Starts the flow when an identity provider creates, changes or deletes a user or group.',
  config: ScimTriggerConfigSchema,
  isTrigger: true,
  outputs: ['out'],
  summarize: (config) =>
    `${config.eventTypes.join(', ')} on ${config.endpoint === ANY_ENDPOINT ? 'any endpoint' : config.endpoint}`,
  async run({ event }) {
    return { output: event };
  },
});

/**
 * Returns true when a trigger config matches an event: same endpoint (or any), a listed event
 * type, and a condition that is absent or true. Throws ExpressionError when the condition fails
 * to evaluate, so the caller can report the flow instead of silently skipping it.
 */
export async function triggerMatches(
  config: ScimTriggerConfig,
  event: ProvisioningEvent,
  nodeId = 'trigger',
): Promise<boolean> {
  if (config.endpoint !== ANY_ENDPOINT && config.endpoint !== event.endpoint) return false;
  if (!config.eventTypes.includes(event.type)) return false;
  if (!config.condition?.trim()) return true;

  const value = await evaluateExpression(
    config.condition,
    { ...event, steps: {} },
    {
      nodeId,
      field: 'config.condition',
    },
  );
  return isTruthy(value);
}
