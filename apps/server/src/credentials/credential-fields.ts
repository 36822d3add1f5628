import { credentialFieldsOf, type CredentialType } from '@scimflow/nodes';
import { AdminError } from '../admin/admin-errors.js';

/**
 * Throws a 400 `credential_field_unknown` when `data` has fields that the credential type does
 * not declare. Parsing with the type's schema would drop them without a word, so a misspelt
 * field would be lost, or reported only as a required field that is missing. The message names
 * the fields but never their values, which may be secrets.
 */
export function rejectUnknownFields(type: CredentialType, data: unknown): void {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return;

  const accepted = credentialFieldsOf(type);
  const unknown = Object.keys(data).filter((name) => !accepted.includes(name));
  if (unknown.length === 0) return;

  const names = unknown.map((name) => JSON.stringify(name)).join(', ');
  const single = unknown.length === 1;
  throw new AdminError(
    400,
    'credential_field_unknown',
    `Unknown ${single ? 'field' : 'fields'} ${names} for credential type ${type}, which accepts ` +
      `${accepted.join(', ')}. Remove ${single ? 'it' : 'them'} or use the accepted names.`,
    unknown.map((name) => ({
      path: `data.${name}`,
      message: `Unknown field. Credential type ${type} accepts ${accepted.join(', ')}.`,
    })),
  );
}
