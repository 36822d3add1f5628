import { isTruthy } from '@scimflow/flow';
import { z } from 'zod';

import { defineNode } from '../define.js';

export const ConditionConfigSchema = z.object({
  expression: z
    .string()
    .trim()
    .min(1, 'Enter a JSONata expression.')
    .meta({
      ui: {
        widget: 'expression',
        label: 'Condition',
        help: 'JSONata expression over the event and earlier steps. Empty, 0, false and missing values count as false.',
        placeholder: 'user.title = "Engineer"',
      },
    }),
});

/**
 * Branches on an expression: follows port `true` or `false`. The runtime resolves the
 * expression before `run`, so `config.expression` contains its value, not its source.
 */
export const conditionNode = defineNode({
  type: 'logic.condition',
  label: 'Condition',
  category: 'logic',
  icon: 'git-branch',
  description: 'Follows the true or the false branch, depending on an expression.',
  config: ConditionConfigSchema,
  outputs: ['true', 'false'],
  summarize: (config) => `if ${config.expression}`,
  async run({ config }) {
    const result = isTruthy(config.expression as unknown);
    return { output: { result }, port: result ? 'true' : 'false' };
  },
});
