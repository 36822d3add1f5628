import * as nodesPackage from '@scimflow/nodes';
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

// The credential types of `@scimflow/nodes`, written out for builds where that package does
// not export `credentialTypes` yet. Field keys match the package's credential schemas.
const FALLBACK_FORMS: CredentialForm[] = [
  {
    type: 'github.token',
    label: 'GitHub token',
    description: 'A fine-grained or classic personal access token with the admin:org scope.',
    fields: [
      field('token', 'Token', { secret: true, placeholder: 'github_pat_…' }),
      field('baseUrl', 'API base URL', { optional: true, advanced: true }),
    ],
  },
  {
    type: 'github.app',
    label: 'GitHub App',
    description:
      'A GitHub App installed on the organization with the Members permission (read and write).',
    fields: [
      field('appId', 'App ID'),
      field('installationId', 'Installation ID'),
      field('privateKey', 'Private key (PEM)', { secret: true, multiline: true }),
      field('baseUrl', 'API base URL', { optional: true, advanced: true }),
    ],
  },
  {
    type: 'google.serviceAccount',
    label: 'Google service account',
    description:
      'A service account key with domain-wide delegation, acting as the Workspace admin in Subject.',
    fields: [
      field('serviceAccountKey', 'Service account key (JSON)', { secret: true, multiline: true }),
      field('subject', 'Subject', {
        help: 'The email of the Workspace admin the service account acts as.',
      }),
      field('directoryBaseUrl', 'Directory API base URL', { optional: true, advanced: true }),
      field('sheetsBaseUrl', 'Sheets API base URL', { optional: true, advanced: true }),
    ],
  },
  {
    type: 'http.bearer',
    label: 'Bearer token',
    description: 'Sends `Authorization: Bearer <token>`.',
    fields: [field('token', 'Token', { secret: true })],
  },
  {
    type: 'http.basic',
    label: 'Basic auth',
    description: 'Sends `Authorization: Basic` with a username and password.',
    fields: [field('username', 'Username'), field('password', 'Password', { secret: true })],
  },
  {
    type: 'http.header',
    label: 'Header',
    description: 'Sends one header, such as `X-API-Key: <key>`, with each request.',
    fields: [
      field('name', 'Header name', { placeholder: 'X-API-Key' }),
      field('value', 'Header value', { secret: true }),
    ],
  },
];

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

/**
 * The credential forms: from `credentialTypes` of `@scimflow/nodes` when it is exported,
 * otherwise the written-out list above.
 * TODO: import `credentialTypes` directly once `@scimflow/nodes` exports it from its index.
 */
function loadForms(): CredentialForm[] {
  const exported = (nodesPackage as Record<string, unknown>)['credentialTypes'];
  if (!exported || typeof exported !== 'object') return FALLBACK_FORMS;
  return Object.values(exported as Record<string, PackageCredentialDefinition>).map(formFromSchema);
}

export const CREDENTIAL_FORMS: CredentialForm[] = loadForms();

/** Returns the form of a credential type, or undefined for a type this build does not know. */
export function credentialForm(type: string): CredentialForm | undefined {
  return CREDENTIAL_FORMS.find((form) => form.type === type);
}

/**
 * Returns the data to send when saving: secret fields left empty are left out, so the server
 * keeps the stored secret; empty optional fields are left out too.
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
