import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectorNodes } from '../../src/connectors/index.js';
import { credentialTypes, secretFieldsOf } from '../../src/credentials/index.js';
import type { CredentialType, FieldUi } from '../../src/define.js';

describe('connector catalogue', () => {
  it.each(connectorNodes.map((node) => [node.type, node] as const))(
    '%s gives every field a label',
    (_type, node) => {
      const shape = (node.config as z.ZodObject).shape;

      for (const [name, field] of Object.entries(shape)) {
        const ui = (field as z.ZodType).meta()?.ui as FieldUi | undefined;
        expect(ui?.label, `${node.type}.${name}`).toBeTruthy();
        expect(ui?.widget, `${node.type}.${name}`).toBeTruthy();
      }
    },
  );

  it.each(connectorNodes.map((node) => [node.type, node] as const))(
    '%s config converts to JSON Schema',
    (_type, node) => {
      const schema = z.toJSONSchema(node.config, { unrepresentable: 'any', io: 'input' });

      expect(schema.type).toBe('object');
    },
  );

  it('has unique node types', () => {
    const types = connectorNodes.map((node) => node.type);

    expect(new Set(types).size).toBe(types.length);
  });
});

describe('credential types', () => {
  it.each([
    { type: 'github.token', secrets: ['token'] },
    { type: 'github.app', secrets: ['privateKey'] },
    { type: 'google.serviceAccount', secrets: ['serviceAccountKey'] },
    { type: 'http.bearer', secrets: ['token'] },
    { type: 'http.basic', secrets: ['password'] },
    { type: 'http.header', secrets: ['value'] },
  ] as { type: CredentialType; secrets: string[] }[])(
    '$type marks $secrets secret',
    ({ type, secrets }) => {
      expect(secretFieldsOf(type)).toEqual(secrets);
    },
  );

  it.each([
    { type: 'github.token', field: 'baseUrl', value: 'https://api.github.com' },
    {
      type: 'google.serviceAccount',
      field: 'directoryBaseUrl',
      value: 'https://admin.googleapis.com',
    },
    {
      type: 'google.serviceAccount',
      field: 'sheetsBaseUrl',
      value: 'https://sheets.googleapis.com',
    },
  ] as { type: CredentialType; field: string; value: string }[])(
    '$type defaults $field',
    ({ type, field, value }) => {
      const shape = (credentialTypes[type].schema as unknown as z.ZodObject).shape;

      expect((shape[field] as z.ZodType).parse(undefined)).toBe(value);
    },
  );
});
