/**
 * The credentials tables, merged into the server's `Database` type here so that the credentials
 * area owns its schema next to its migrations (`0101_credentials`, `0203_credential_renames`).
 */
export interface CredentialTable {
  id: string;
  /** The name flows reference the credential by. */
  name: string;
  /** `name` in lower case; a unique index on it makes names unique case-insensitively. */
  name_lower: string;
  /** A credential type id from `@scimflow/nodes`, such as `github.token`. */
  type: string;
  /** The non-secret fields as JSON, such as a base URL or a user name. */
  fields: string;
  /**
   * The secret fields as JSON, sealed by the server's SecretBox (AES-256-GCM) with the credential
   * id as associated data, so a sealed value copied to another row does not decrypt.
   */
  secrets: string;
  created_at: string;
  updated_at: string;
}

/**
 * A name a credential had before a rename. Published flow versions are never rewritten, so
 * `resolveCredential` looks an unknown name up here. The newest rename from a name replaces an
 * older row, and a credential created or renamed to the name, ignoring case, deletes the row.
 */
export interface CredentialRenameTable {
  /** The old name as flow documents reference it (exact case), the primary key. */
  old_name: string;
  /** `old_name` in lower case, for deleting the row when a credential takes the name. */
  old_name_lower: string;
  /** The credential that had the name; deleting the credential deletes its rows. */
  credential_id: string;
  renamed_at: string;
}

declare module '../db/schema.js' {
  interface Database {
    credentials: CredentialTable;
    credential_renames: CredentialRenameTable;
  }
}
