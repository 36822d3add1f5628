import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { conditionNode, httpNode } from '../test/fixtures.js';
import { starterConfig } from './starterConfig.js';

describe('starterConfig', () => {
  it('uses defaults when they parse', () => {
    expect(starterConfig(z.object({ level: z.enum(['info', 'warn']).default('warn') }))).toEqual({
      level: 'warn',
    });
  });

  it('picks the first option of required choices', () => {
    const schema = z.object({
      eventTypes: z.array(z.enum(['user.created', 'user.deleted'])).min(1),
      mode: z.enum(['a', 'b']),
      endpoint: z.string().default('*'),
      note: z.string().optional(),
    });
    expect(starterConfig(schema)).toEqual({
      eventTypes: ['user.created'],
      mode: 'a',
      endpoint: '*',
    });
  });

  it('leaves required text empty', () => {
    expect(starterConfig(conditionNode.config)).toEqual({});
  });

  it('keeps defaults next to missing text', () => {
    expect(starterConfig(httpNode.config)).toEqual({
      method: 'POST',
      followRedirects: true,
      headers: {},
      tags: [],
    });
  });
});
