import { credentialTypes } from '@scimflow/nodes';
import type { z } from 'zod';

import { describeSchema, humanize } from '../forms/describeSchema.js';

/** One input of a credential form. Secret fields are write-only. */
export interface CredentialField {
  key: string;
  label: string;
  secret: boolean;
  multiline: boolean;
  optional: boolean;
  help?: string;
  placeholder?: string;
  advanced?: boolean;
}

/** The form of one credential type. */
export interface CredentialForm {
  type: string;
  label: string;
  description: string;
  fields: CredentialField[];
}

const field = (
  key: string,
  label: string,
  options: Partial<CredentialField> = {},
): CredentialField => ({
  key,
  label,
  secret: false,
  multiline: false,
  optional: false,
  ...options,
});

interface PackageCredentialDefinition {
  type: string;
  label: string;
  description: string;
  schema: z.ZodType;
}

/** Builds a credential form from a credential schema; `.meta({ secret: true })` marks secrets. */
export function formFromSchema(definition: PackageCredentialDefinition): CredentialForm {
  const spec = describeSchema(definition.schema);
  const shape = (definition.schema as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
  const fields =
    spec.kind !== 'object'
      ? []
      : spec.fields.map(({ key, spec: fieldSpec }) => {
          const meta =
            (
              shape[key] as unknown as { meta?: () => Record<string, unknown> | undefined }
            ).meta?.() ?? {};
          return field(key, fieldSpec.ui.label ?? humanize(key), {
            secret: meta['secret'] === true,
            multiline: fieldSpec.ui.widget === 'textarea' || fieldSpec.ui.widget === 'json',
            optional: fieldSpec.optional || fieldSpec.defaultValue !== undefined,
            help: fieldSpec.ui.help,
            placeholder: fieldSpec.ui.placeholder,
            advanced: fieldSpec.ui.advanced,
          });
        });
  return {
    type: definition.type,
    label: definition.label,
    description: definition.description,
    fields,
  };
}

/** The forms of every credential type that `@scimflow/nodes` declares. */
export const CREDENTIAL_FORMS: CredentialForm[] = Object.values(credentialTypes).map((definition) =>
  formFromSchema(definition as PackageCredentialDefinition),
);

/** Returns the form of a credential type, or undefined for a type this build does not know. */
export function credentialForm(type: string): CredentialForm | undefined {
  return CREDENTIAL_FORMS.find((form) => form.type === type);
}

/**
 * Returns the data to send when saving. Empty secret fields are left out, so the server keeps
 * the stored secret, and empty optional fields are left out too.
 */
export function credentialPayload(
  form: CredentialForm,
  values: Record<string, string>,
): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const input of form.fields) {
    const value = values[input.key] ?? '';
    if (value === '' && (input.secret || input.optional)) continue;
    data[input.key] = value;
  }
  return data;
}
