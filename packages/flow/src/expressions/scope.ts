import type { ProvisioningEvent } from '../events.js';

/** Output of an earlier step, read by later expressions as `steps.<nodeId>.output`. */
export interface StepScope {
  output: unknown;
}

/**
 * The data that expressions read: the provisioning event's fields at the top level
 * (`user.name.givenName`, `changes`, `before.active`, `member.value`) plus `steps`.
 */
export type ExpressionScope = Record<string, unknown> & {
  steps: Record<string, StepScope>;
};

/** Builds the expression scope for an event and the outputs of the steps that ran before. */
export function buildScope(
  event: ProvisioningEvent,
  steps: Record<string, StepScope> = {},
): ExpressionScope {
  return { ...event, steps };
}
