import { describe, expect, it } from 'vitest';

import {
  buildScope,
  collectExpressionFields,
  evaluateExpression,
  evaluateTemplate,
  ExpressionError,
  expressionCompileCount,
  parseTemplate,
  resolveConfig,
  type ProvisioningEvent,
} from '../src/index.js';
import { z } from 'zod';

const event: ProvisioningEvent = {
  id: 'evt_1',
  type: 'user.updated',
  endpoint: 'asgardeo',
  dialect: 'asgardeo-scim2',
  acceptedAt: '2026-12-04T10:00:00.000Z',
  resourceType: 'User',
  resourceId: 'u-1',
  user: {
    userName: 'zoe@example.com',
    name: { givenName: 'Zoë', familyName: 'Smith' },
    emails: [
      { value: 'zoe.work@example.com', primary: false },
      { value: 'zoe@example.com', primary: true },
    ],
    active: true,
  },
  before: { active: false },
  after: { active: true },
  changes: [{ path: 'active', before: false, after: true }],
};

const scope = buildScope(event, { github: { output: { login: 'zoe-gh', id: 42 } } });

describe('evaluateTemplate', () => {
  it.each([
    ['Hello {{ user.name.givenName }}', 'Hello Zoë'],
    ['{{ user.emails[primary=true].value }}', 'zoe@example.com'],
    ['{{ before.active }}', false],
    ['{{ changes }}', [{ path: 'active', before: false, after: true }]],
    ['  {{ steps.github.output.id }}  ', 42],
    ['id={{ steps.github.output.id }}', 'id=42'],
    ['{{ $lowercase(user.name.familyName) }}-{{ $slug(user.name.givenName) }}', 'smith-zoe'],
    ['{{ user.missing }}', undefined],
    ['[{{ user.missing }}]', '[]'],
    ['plain text', 'plain text'],
    ['x{{ }}y', 'xy'],
    ['a {{ "{{" }} b', 'a {{ b'],
    ['{{ {"a": {"b": user.active}} }}', { a: { b: true } }],
    ['{{ user.emails.value }}', ['zoe.work@example.com', 'zoe@example.com']],
    ['{{ before }}!', '{"active":false}!'],
  ])('resolves %j', async (template, expected) => {
    expect(await evaluateTemplate(template, scope)).toEqual(expected);
  });

  it('reports an unclosed part', async () => {
    await expect(evaluateTemplate('Hi {{ user.name', scope, { nodeId: 'log' })).rejects.toThrow(
      /node "log".*without a closing/,
    );
  });
});

describe('evaluateExpression', () => {
  it('returns undefined for a blank expression', async () => {
    expect(await evaluateExpression('  ', scope)).toBeUndefined();
  });

  it('returns plain arrays for sequences', async () => {
    const value = await evaluateExpression('user.emails.value', scope);

    expect(Array.isArray(value)).toBe(true);
    expect(Object.keys(value as object)).toEqual(['0', '1']);
  });

  it('names node, field and expression on a syntax error', async () => {
    const failure = evaluateExpression('user.name.(', scope, {
      nodeId: 'invite',
      field: 'config.email',
    });

    await expect(failure).rejects.toBeInstanceOf(ExpressionError);
    await expect(failure).rejects.toMatchObject({
      nodeId: 'invite',
      field: 'config.email',
      expression: 'user.name.(',
    });
    await expect(failure).rejects.toThrow(/node "invite", field "config.email".*user\.name\.\(/);
  });

  it('names the expression on an evaluation error', async () => {
    const failure = evaluateExpression('$number("abc") + 1', scope, {
      nodeId: 'n',
      field: 'config.x',
    });

    await expect(failure).rejects.toMatchObject({ code: 'D3030', nodeId: 'n' });
  });

  it('stops an expression that runs too long', async () => {
    const loop = '($f := function($n) { $n > 0 ? $f($n - 1) + $f($n - 1) : 0 }; $f(40))';

    await expect(evaluateExpression(loop, scope)).rejects.toMatchObject({
      code: expect.stringMatching(/D1011|D1012/),
    });
  });

  it('compiles each expression once', async () => {
    const source = 'user.userName & "-cache-check"';
    await evaluateExpression(source, scope);
    const after = expressionCompileCount();

    for (let run = 0; run < 20; run++) {
      expect(await evaluateExpression(source, scope)).toBe('zoe@example.com-cache-check');
    }

    expect(expressionCompileCount()).toBe(after);
  });

  it('evaluates JSONata, never JavaScript', async () => {
    expect(await evaluateExpression('$process', scope)).toBeUndefined();
    await expect(evaluateExpression('$eval("1+1")', scope)).resolves.toBe(2);
    await expect(evaluateExpression('$eval("process.exit(1)")', scope)).resolves.toBeUndefined();
  });
});

describe('parseTemplate', () => {
  it.each([
    ['{{ a }}', 'a'],
    [' {{a}} ', 'a'],
    ['x {{ a }}', undefined],
    ['{{ a }}{{ b }}', undefined],
  ])('marks %j single as %j', (template, single) => {
    expect(parseTemplate(template).single).toBe(single);
  });
});

describe('resolveConfig', () => {
  const schema = z.object({
    email: z.string().meta({ ui: { widget: 'template' } }),
    team: z
      .string()
      .optional()
      .meta({ ui: { widget: 'template' } }),
    enabled: z.string().meta({ ui: { widget: 'expression' } }),
    cases: z.array(
      z.object({ name: z.string(), when: z.string().meta({ ui: { widget: 'expression' } }) }),
    ),
    fields: z.record(z.string(), z.string().meta({ ui: { widget: 'template' } })),
    raw: z.string(),
  });

  it('finds template and expression fields', () => {
    expect(collectExpressionFields(schema)).toEqual({
      email: 'template',
      team: 'template',
      enabled: 'expression',
      'cases[].when': 'expression',
      'fields.*': 'template',
    });
  });

  it('resolves every expression field and copies the rest', async () => {
    const config = {
      email: '{{ user.userName }}',
      enabled: 'user.active',
      cases: [{ name: 'a', when: 'before.active' }],
      fields: { given: '{{ user.name.givenName }}', login: 'gh:{{ steps.github.output.login }}' },
      raw: '{{ not resolved }}',
    };

    const resolved = await resolveConfig(config, collectExpressionFields(schema), scope, 'map');

    expect(resolved).toEqual({
      email: 'zoe@example.com',
      enabled: true,
      cases: [{ name: 'a', when: false }],
      fields: { given: 'Zoë', login: 'gh:zoe-gh' },
      raw: '{{ not resolved }}',
    });
    expect(config.email).toBe('{{ user.userName }}');
  });

  it('resolves every string inside json and keyValue fields', async () => {
    const jsonSchema = z.object({
      body: z.unknown().meta({ ui: { widget: 'json' } }),
      headers: z
        .record(z.string(), z.string())
        .default({})
        .meta({ ui: { widget: 'keyValue' } }),
    });
    const config = {
      body: {
        login: '{{ steps.github.output.login }}',
        tags: ['a', '{{ user.active }}'],
        count: 3,
      },
      headers: { 'x-user': '{{ user.userName }}' },
    };

    const fields = collectExpressionFields(jsonSchema);
    const resolved = await resolveConfig(config, fields, scope, 'call');

    expect(fields).toEqual({ body: 'json', headers: 'json' });
    expect(resolved).toEqual({
      body: { login: 'zoe-gh', tags: ['a', true], count: 3 },
      headers: { 'x-user': 'zoe@example.com' },
    });
  });

  it('names the concrete field path on failure', async () => {
    const config = {
      email: 'x',
      enabled: 'true',
      cases: [{ name: 'a', when: '(' }],
      fields: {},
      raw: '',
    };

    await expect(
      resolveConfig(config, collectExpressionFields(schema), scope, 'route'),
    ).rejects.toMatchObject({
      nodeId: 'route',
      field: 'config.cases.0.when',
    });
  });
});
