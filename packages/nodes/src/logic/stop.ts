import { z } from 'zod';

import { defineNode } from '../define.js';

/**
 * Raised by the stop node. The execution fails with the node's message, and `retryable` is false
 * because the same event would stop the same way.
 */
export class FlowStoppedError extends Error {
  readonly retryable = false;
  readonly code = 'flow_stopped';

  constructor(message: string) {
    super(message);
    this.name = 'FlowStoppedError';
  }
}

export const StopConfigSchema = z.object({
  message: z
    .string()
    .min(1, 'Enter the message the execution fails with.')
    .meta({
      ui: {
        widget: 'template',
        label: 'Error message',
        placeholder: 'User {{ user.userName }} has no primary email',
      },
    }),
});

/** Fails the execution with a message, without retry. */
export const stopNode = defineNode({
  type: 'logic.stop',
  label: 'Stop with error',
  category: 'logic',
  icon: 'octagon-x',
  description: 'Fails the execution with a message. The execution is not retried.',
  config: StopConfigSchema,
  outputs: [],
  summarize: (config) => config.message,
  async run({ config }) {
    const message =
      typeof config.message === 'string' ? config.message : JSON.stringify(config.message);
    throw new FlowStoppedError(message || 'The flow stopped.');
  },
});
