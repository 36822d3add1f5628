/**
 * The credentials table, merged into the server's `Database` type here so that the credentials
 * area owns its schema next to its migration (`0101_credentials`).
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

declare module '../db/schema.js' {
  interface Database {
    credentials: CredentialTable;
  }
}
