import { stringify } from '@scimflow/flow';
import { z } from 'zod';

import { defineNode } from '../define.js';

export const LogConfigSchema = z.object({
  message: z
    .string()
    .min(1, 'Enter a message.')
    .meta({
      ui: { widget: 'template', label: 'Message', placeholder: 'Provisioned {{ user.userName }}' },
    }),
  level: z
    .enum(['info', 'warn', 'error'])
    .default('info')
    .meta({
      ui: {
        widget: 'select',
        label: 'Level',
        options: [
          { value: 'info', label: 'Info' },
          { value: 'warn', label: 'Warning' },
          { value: 'error', label: 'Error' },
        ],
      },
    }),
});

/** Writes a message to the execution log; the output is the message and its level. */
export const logNode = defineNode({
  type: 'logic.log',
  label: 'Log',
  category: 'logic',
  icon: 'scroll-text',
  description: 'Writes a message to the execution log.',
  config: LogConfigSchema,
  outputs: ['out'],
  summarize: (config) => config.message,
  async run({ config, log }) {
    const message = stringify(config.message);
    log(config.level, message);
    return { output: { message, level: config.level } };
  },
});
