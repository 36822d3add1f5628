import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { httpNode } from '../test/fixtures.js';
import { describeSchema, humanize, type FieldSpec } from './describeSchema.js';

function fieldOf(spec: FieldSpec, key: string): FieldSpec {
  if (spec.kind !== 'object') throw new Error(`expected an object spec, got ${spec.kind}`);
  const field = spec.fields.find((candidate) => candidate.key === key);
  if (!field) throw new Error(`no field ${key}`);
  return field.spec;
}

describe('describeSchema', () => {
  it.each([
    ['string', z.string(), 'string'],
    ['number', z.number(), 'number'],
    ['boolean', z.boolean(), 'boolean'],
    ['enum', z.enum(['a', 'b']), 'enum'],
    ['literal union', z.union([z.literal('x'), z.literal('y')]), 'enum'],
    ['array', z.array(z.string()), 'array'],
    ['object', z.object({ a: z.string() }), 'object'],
    ['record', z.record(z.string(), z.number()), 'record'],
    ['unknown', z.unknown(), 'json'],
    ['mixed union', z.union([z.string(), z.number()]), 'json'],
  ])('maps %s to its field kind', (_name, schema, kind) => {
    expect(describeSchema(schema).kind).toBe(kind);
  });

  it('reads ui metadata through optional and default', () => {
    const spec = fieldOf(describeSchema(httpNode.config), 'timeoutMs');
    expect(spec.kind).toBe('number');
    expect(spec.optional).toBe(true);
    expect(spec.ui.label).toBe('Timeout (ms)');
    expect(spec.ui.advanced).toBe(true);
  });

  it('keeps defaults and integer bounds', () => {
    const spec = describeSchema(z.number().int().min(1).max(20).default(3));
    expect(spec).toMatchObject({ kind: 'number', integer: true, min: 1, max: 20, defaultValue: 3 });
  });

  it('lists enum options in order', () => {
    const spec = fieldOf(describeSchema(httpNode.config), 'method');
    expect(spec.kind === 'enum' && spec.options.map((option) => option.value)).toEqual([
      'GET',
      'POST',
      'PUT',
    ]);
  });

  it('prefers ui options over enum values', () => {
    const schema = z.enum(['a', 'b']).meta({ ui: { options: [{ value: 'a', label: 'Alpha' }] } });
    const spec = describeSchema(schema);
    if (spec.kind !== 'enum') throw new Error(`expected an enum spec, got ${spec.kind}`);
    expect(spec.options).toEqual([{ value: 'a', label: 'Alpha' }]);
  });

  it('describes nested objects and records', () => {
    const config = describeSchema(httpNode.config);
    const body = fieldOf(config, 'body');
    const headers = fieldOf(config, 'headers');
    expect(body.kind).toBe('object');
    expect(fieldOf(body, 'text').ui.widget).toBe('textarea');
    if (headers.kind !== 'record') throw new Error(`expected a record spec, got ${headers.kind}`);
    expect(headers.value.kind).toBe('string');
  });

  it('humanizes config keys', () => {
    expect(humanize('sheetId')).toBe('Sheet id');
    expect(humanize('max_attempts')).toBe('Max attempts');
  });
});
