import type { z } from 'zod';
import type { CredentialType, ResolvedCredential } from '../define.js';
import { ConnectorError, type ClientRequest } from '../http/index.js';
import { githubAppCredential, githubTokenCredential } from './github.js';
import { googleServiceAccountCredential } from './google.js';
import { httpBasicCredential, httpBearerCredential, httpHeaderCredential } from './http.js';
import type { AuthContext, CredentialDefinition, CredentialTestResult } from './types.js';

/** Every credential type by its id. */
export const credentialTypes = {
  'github.token': githubTokenCredential,
  'github.app': githubAppCredential,
  'google.serviceAccount': googleServiceAccountCredential,
  'http.bearer': httpBearerCredential,
  'http.basic': httpBasicCredential,
  'http.header': httpHeaderCredential,
} satisfies Record<CredentialType, Pick<CredentialDefinition, 'type' | 'label' | 'description'>>;

/** Returns the names of every field that the credential type declares, in declaration order. */
export function credentialFieldsOf(type: CredentialType): string[] {
  return Object.keys(shapeOf(type));
}

/** Returns the names of the fields that the server encrypts and never returns, from `.meta({ secret: true })`. */
export function secretFieldsOf(type: CredentialType): string[] {
  return Object.entries(shapeOf(type))
    .filter(([, field]) => (field as z.ZodType).meta()?.secret === true)
    .map(([name]) => name);
}

/**
 * Returns the credential's secret values, to cut out of errors and outputs: the values of its
 * secret fields and the secrets derived from them (see `CredentialDefinition.derivedSecrets`).
 * Returns none for a type this build does not know, so callers that must hide such a credential
 * treat every string of it as secret.
 */
export function secretValuesOf(credential: ResolvedCredential | undefined): string[] {
  if (!credential || !Object.hasOwn(credentialTypes, credential.type)) return [];

  const values = secretFieldsOf(credential.type).map((name) => credential.data[name]);
  const definition = credentialTypes[credential.type] as unknown as CredentialDefinition;
  // Derived secrets need the parsed data. Stored data passed the same schema when it was saved,
  // so a parse failure means the derived secrets cannot be found, only the field values.
  const parsed = definition.schema.safeParse(credential.data);
  if (parsed.success && definition.derivedSecrets) {
    values.push(...definition.derivedSecrets(parsed.data));
  }
  return values.filter((value): value is string => typeof value === 'string' && value.length > 0);
}

/**
 * Validates the credential's data with its type's schema, applying defaults such as base URLs.
 * Throws a `ConnectorError` naming the invalid fields (never their values).
 */
export function parseCredential<Type extends CredentialType>(
  credential: ResolvedCredential,
  type: Type,
): z.infer<(typeof credentialTypes)[Type]['schema']> {
  const result = credentialTypes[type].schema.safeParse(credential.data);
  if (result.success) return result.data as z.infer<(typeof credentialTypes)[Type]['schema']>;

  const fields = result.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
  throw new ConnectorError({
    code: 'credential',
    api: credentialTypes[type].label,
    operation: `read credential "${credential.name}"`,
    apiMessage: `invalid fields: ${fields}`,
    fix: `Edit the credential "${credential.name}" and correct those fields.`,
    retryable: false,
  });
}

/** Adds the credential's authentication to a request; fetches and caches tokens where the type needs them. */
export async function authenticate(
  credential: ResolvedCredential,
  request: ClientRequest,
  context: AuthContext,
): Promise<ClientRequest> {
  const definition = credentialTypes[credential.type] as unknown as CredentialDefinition;
  return definition.authenticate(parseCredential(credential, credential.type), request, context);
}

/** Drops the credential's cached access token, if its type mints one; see `CredentialDefinition.forgetToken`. */
export function forgetToken(credential: ResolvedCredential, context: AuthContext): void {
  const definition = credentialTypes[credential.type] as unknown as CredentialDefinition;
  definition.forgetToken?.(parseCredential(credential, credential.type), context);
}

/** Sends the credential type's cheap authenticated request, for the "test connection" button. */
export async function testCredential(
  credential: ResolvedCredential,
  context: AuthContext,
): Promise<CredentialTestResult> {
  const definition = credentialTypes[credential.type] as unknown as CredentialDefinition;
  try {
    return await definition.testCredential(parseCredential(credential, credential.type), context);
  } catch (error) {
    if (error instanceof ConnectorError) return { ok: false, message: error.message };
    throw error;
  }
}

function shapeOf(type: CredentialType): Record<string, unknown> {
  return (credentialTypes[type].schema as unknown as z.ZodObject).shape;
}
