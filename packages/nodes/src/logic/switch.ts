import { isTruthy } from '@scimflow/flow';
import { z } from 'zod';

import { defineNode } from '../define.js';

/** Port that a switch follows when no case matches. */
export const SWITCH_DEFAULT_PORT = 'default';

const SwitchCaseSchema = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'Use 1 to 40 letters, digits, "-" or "_".')
    .refine(
      (name) => name !== SWITCH_DEFAULT_PORT,
      `"${SWITCH_DEFAULT_PORT}" is the port for no match; choose another name.`,
    )
    .meta({ ui: { widget: 'text', label: 'Port name' } }),
  expression: z
    .string()
    .trim()
    .min(1, 'Enter a JSONata expression.')
    .meta({
      ui: { widget: 'expression', label: 'When', placeholder: 'user.department = "Sales"' },
    }),
});

export const SwitchConfigSchema = z.object({
  cases: z
    .array(SwitchCaseSchema)
    .min(1, 'Add at least one case.')
    .max(20)
    .superRefine((cases, context) => {
      const seen = new Set<string>();
      cases.forEach((entry, index) => {
        if (seen.has(entry.name)) {
          context.addIssue({
            code: 'custom',
            path: [index, 'name'],
            message: `Case name "${entry.name}" is used twice; each case needs its own port name.`,
          });
        }
        seen.add(entry.name);
      });
    })
    .meta({
      ui: { widget: 'list', label: 'Cases', help: 'Checked in order; the first true case wins.' },
    }),
});

export type SwitchConfig = z.infer<typeof SwitchConfigSchema>;

/**
 * Routes to the first case whose expression is true, through the port named after the case, or
 * through `default`. The runtime resolves each case's expression before `run`.
 */
export const switchNode = defineNode({
  type: 'logic.switch',
  label: 'Switch',
  category: 'logic',
  icon: 'split',
  description: 'Follows the first case whose expression is true, or the default branch.',
  config: SwitchConfigSchema,
  outputs: (config: SwitchConfig) => [
    ...config.cases.map((entry) => entry.name),
    SWITCH_DEFAULT_PORT,
  ],
  summarize: (config) => config.cases.map((entry) => entry.name).join(' / '),
  async run({ config }) {
    const match = config.cases.find((entry) => isTruthy(entry.expression as unknown));
    const port = match?.name ?? SWITCH_DEFAULT_PORT;
    return { output: { case: port }, port };
  },
});
