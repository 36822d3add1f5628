import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldLabel } from '../src/validate/field-label.js';

const label = (text: string) => ({ ui: { label: text } });

const config = z.object({
  org: z.string().min(1).meta(label('Organization')),
  teams: z
    .array(z.string().meta(label('Team')))
    .default([])
    .meta(label('Teams')),
  headers: z.record(z.string(), z.string().meta(label('Header value'))).optional(),
  retry: z
    .object({ maxAttempts: z.number().int().meta(label('Attempts')) })
    .optional()
    .meta(label('Retry policy')),
  plain: z.string(),
  wrapped: z.string().meta(label('Inner')).optional(),
});

describe('fieldLabel', () => {
  it.each([
    { path: ['org'], expected: 'Organization' },
    { path: ['teams'], expected: 'Teams' },
    { path: ['teams', 0], expected: 'Team' },
    { path: ['headers', 'X-Key'], expected: 'Header value' },
    { path: ['retry'], expected: 'Retry policy' },
    { path: ['retry', 'maxAttempts'], expected: 'Attempts' },
    { path: ['wrapped'], expected: 'Inner' },
    { path: ['plain'], expected: undefined },
    { path: ['missing'], expected: undefined },
    { path: ['org', 'deeper'], expected: undefined },
  ])('$path: $expected', ({ path, expected }) => {
    expect(fieldLabel(config, path)).toBe(expected);
  });
});
