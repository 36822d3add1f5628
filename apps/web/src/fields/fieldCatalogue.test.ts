import { ATTRIBUTE_CATALOGUE } from '@scimflow/scim';
import { describe, expect, it } from 'vitest';

import { chainDocument } from '../test/fixtures.js';
import {
  buildAttributeFields,
  searchFields,
  stepFields,
  toTemplate,
  upstreamOf,
} from './fieldCatalogue.js';

const fields = buildAttributeFields(ATTRIBUTE_CATALOGUE);
const expressions = fields.map((field) => field.expression);

describe('field picker catalogue', () => {
  it.each([
    ['user.userName', 'User'],
    ['user.name.givenName', 'User'],
    ['user.emails.value', 'User'],
    ['user.emails[primary=true].value', 'User'],
    ['user.active', 'User'],
    [
      'user.`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`.department',
      'Enterprise User',
    ],
    [
      'user.`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`.manager.value',
      'Enterprise User',
    ],
    ['group.displayName', 'Group'],
    ['group.members.value', 'Group'],
    ['member.value', 'Event'],
  ])('offers %s', (expression, group) => {
    expect(expressions).toContain(expression);
    expect(fields.find((field) => field.expression === expression)?.group).toBe(group);
  });

  it('lists every core User attribute', () => {
    for (const attribute of ATTRIBUTE_CATALOGUE.user.attributes)
      expect(expressions).toContain(`user.${attribute.name}`);
  });

  it('gives each attribute a type and description', () => {
    for (const field of fields) {
      expect(field.type, field.expression).not.toBe('');
      expect(field.description, field.expression).not.toBe('');
    }
  });

  it('marks multi-valued types', () => {
    expect(fields.find((field) => field.expression === 'user.emails')?.type).toBe('complex[]');
  });

  it('offers outputs of upstream steps only', () => {
    const document = chainDocument(3);
    const steps = stepFields(document, 'n2', (type) => type);
    expect(steps.map((field) => field.expression)).toEqual([
      'steps.trigger.output',
      'steps.n1.output',
    ]);
    expect([...upstreamOf(document, 'trigger')]).toEqual([]);
  });

  it('searches expressions and descriptions', () => {
    const found = searchFields(fields, 'department').map((field) => field.expression);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('department');
  });

  it('wraps expressions for templates', () => {
    expect(toTemplate('user.userName')).toBe('{{ user.userName }}');
  });
});
