import {
  credentialTypes,
  secretFieldsOf,
  type CredentialType,
  type ResolvedCredential,
} from '@scimflow/nodes';
import type { SecretBox } from '../security/secret-box.js';
import type { CredentialTable } from './credential-tables.js';

/** Returns true when `type` is a credential type of this build. */
export function isCredentialType(type: string): type is CredentialType {
  return Object.hasOwn(credentialTypes, type);
}

/** Splits a credential's data into its non-secret fields and its secret fields. */
export function splitCredentialData(
  type: CredentialType,
  data: Record<string, unknown>,
): { fields: Record<string, unknown>; secrets: Record<string, unknown> } {
  const secretNames = new Set(secretFieldsOf(type));
  const fields: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(data)) {
    if (value === undefined) continue;
    if (secretNames.has(name)) secrets[name] = value;
    else fields[name] = value;
  }
  return { fields, secrets };
}

/** Encrypts the secret fields with the credential id as associated data. */
export function sealSecrets(
  secretBox: SecretBox,
  credentialId: string,
  secrets: Record<string, unknown>,
): string {
  return secretBox.encrypt(JSON.stringify(secrets), credentialAssociatedData(credentialId));
}

/** Decrypts the secret fields of a stored credential. */
export function openSecrets(row: CredentialTable, secretBox: SecretBox): Record<string, unknown> {
  try {
    const json = secretBox.decrypt(row.secrets, credentialAssociatedData(row.id));
    return JSON.parse(json) as Record<string, unknown>;
  } catch (error) {
    throw new Error(
      `The secrets of credential "${row.name}" do not decrypt with this server's secret key. Restore the original SCIMFLOW_SECRET_KEY or secret.key, or enter the secrets again`,
      { cause: error },
    );
  }
}

/** Returns the stored credential with its fields and decrypted secrets merged, as nodes receive it. */
export function openCredential(row: CredentialTable, secretBox: SecretBox): ResolvedCredential {
  if (!isCredentialType(row.type)) {
    throw new Error(
      `Credential "${row.name}" has type "${row.type}", which this server does not know. Delete it and create it with a known type`,
    );
  }

  const fields = JSON.parse(row.fields) as Record<string, unknown>;
  return { name: row.name, type: row.type, data: { ...fields, ...openSecrets(row, secretBox) } };
}

function credentialAssociatedData(credentialId: string): string {
  return `credential:${credentialId}`;
}
