import { z } from 'zod';

import { defineNode } from '../define.js';

export const TransformConfigSchema = z.object({
  fields: z
    .record(
      z
        .string()
        .regex(
          /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
          'Use letters, digits and "_", starting with a letter.',
        ),
      z.string().meta({ ui: { widget: 'template' } }),
    )
    .refine((fields) => Object.keys(fields).length > 0, 'Add at least one field.')
    .meta({
      ui: {
        widget: 'keyValue',
        label: 'Fields',
        help: 'Each value is a template; a value that is exactly one {{ expression }} keeps its type.',
      },
    }),
});

/**
 * Builds an object from named template fields. The runtime resolves the templates before `run`,
 * and the output is the resolved object, so later nodes read `steps.<id>.output.<field>`.
 */
export const transformNode = defineNode({
  type: 'logic.transform',
  label: 'Transform',
  category: 'logic',
  icon: 'braces',
  description: 'Builds an object from templates, for later steps to read.',
  config: TransformConfigSchema,
  outputs: ['out'],
  summarize: (config) => Object.keys(config.fields).join(', '),
  async run({ config }) {
    return { output: { ...config.fields } };
  },
});
