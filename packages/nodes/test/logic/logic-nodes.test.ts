import { describe, expect, it } from 'vitest';

import {
  conditionNode,
  FlowStoppedError,
  getNodeDefinition,
  logNode,
  stopNode,
  switchNode,
  transformNode,
} from '../../src/index.js';
import { runNode, userEvent } from './harness.js';

describe('logic.condition', () => {
  it.each([
    ['user.title = "Engineer"', 'true'],
    ['user.title = "Sales"', 'false'],
    ['user.missing', 'false'],
    ['user.emails', 'true'],
    ['""', 'false'],
    ['0', 'false'],
    ['[false, false]', 'false'],
    ['steps.lookup.output.found', 'true'],
  ])('follows %s to port %s', async (expression, port) => {
    const steps = { lookup: { output: { found: true } } };

    const result = await runNode(conditionNode, { expression }, userEvent(), steps);

    expect(result.port).toBe(port);
    expect(result.output).toEqual({ result: port === 'true' });
  });

  it('rejects an empty expression', () => {
    expect(conditionNode.config.safeParse({ expression: ' ' }).success).toBe(false);
  });
});

describe('logic.switch', () => {
  const cases = [
    { name: 'sales', expression: 'user.department = "Sales"' },
    { name: 'platform', expression: 'user.department = "Platform"' },
    { name: 'engineers', expression: 'user.title = "Engineer"' },
  ];

  it('follows the first true case', async () => {
    const result = await runNode(switchNode, { cases });

    expect(result.port).toBe('platform');
    expect(result.output).toEqual({ case: 'platform' });
  });

  it('follows default when no case matches', async () => {
    const result = await runNode(switchNode, { cases: cases.slice(0, 1) });

    expect(result.port).toBe('default');
  });

  it('lists a port per case plus default', () => {
    const outputs = switchNode.outputs as (config: { cases: typeof cases }) => string[];

    expect(outputs({ cases })).toEqual(['sales', 'platform', 'engineers', 'default']);
  });

  it.each([
    ['a duplicate name', [cases[0], cases[0]], 'cases.1.name'],
    ['the default name', [{ name: 'default', expression: 'true' }], 'cases.0.name'],
    ['no cases', [], 'cases'],
  ])('rejects %s', (_name, value, path) => {
    const result = switchNode.config.safeParse({ cases: value });

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });
});

describe('logic.transform', () => {
  it('builds an object from templates', async () => {
    const result = await runNode(transformNode, {
      fields: {
        login: '{{ $lowercase(user.name.givenName) }}.{{ $lowercase(user.name.familyName) }}',
        active: '{{ user.active }}',
        slug: '{{ $slug(user.name.givenName & " " & user.name.familyName) }}',
        plain: 'fixed',
      },
    });

    expect(result.output).toEqual({
      login: 'kim.lee',
      active: true,
      slug: 'kim-lee',
      plain: 'fixed',
    });
    expect(result.port).toBeUndefined();
  });

  it('rejects a field name with spaces', () => {
    expect(transformNode.config.safeParse({ fields: { 'first name': 'x' } }).success).toBe(false);
  });
});

describe('logic.stop', () => {
  it('fails with the resolved message', async () => {
    const failure = runNode(stopNode, { message: 'No manager for {{ user.userName }}' });

    await expect(failure).rejects.toBeInstanceOf(FlowStoppedError);
    await expect(failure).rejects.toThrow('No manager for kim@example.com');
    await expect(failure).rejects.toMatchObject({ retryable: false });
  });
});

describe('logic.log', () => {
  it('logs and outputs the message', async () => {
    const result = await runNode(logNode, {
      message: 'Hello {{ user.name.givenName }}',
      level: 'warn',
    });

    expect(result.logged).toEqual([{ level: 'warn', message: 'Hello Kim' }]);
    expect(result.output).toEqual({ message: 'Hello Kim', level: 'warn' });
  });

  it('defaults to info', async () => {
    const result = await runNode(logNode, { message: 'x' });

    expect(result.logged[0]?.level).toBe('info');
  });
});

describe('getNodeDefinition', () => {
  it('finds logic nodes by type', () => {
    expect(getNodeDefinition('logic.switch')).toBe(switchNode);
    expect(getNodeDefinition('logic.unknown')).toBeUndefined();
  });
});
