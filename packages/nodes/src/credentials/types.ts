import type { z } from 'zod';
import type { CredentialType, HttpClient } from '../define.js';
import type { ClientRequest } from '../http/index.js';
import type { TokenCache } from './token-cache.js';

/** Dependencies of `authenticate` besides the credential. */
export interface AuthContext {
  /** Sends token requests (GitHub App installation tokens, Google access tokens). */
  http: HttpClient;
  /** Defaults to the process-wide `sharedTokenCache`. */
  tokenCache?: TokenCache;
  /** OAuth2 scopes for Google's token request, such as the Directory API's user scope. */
  scopes?: readonly string[];
}

/** The result of a credential's connection test, for the designer's "test connection" button. */
export interface CredentialTestResult {
  ok: boolean;
  /** A sentence naming what worked, or what failed and the fix. It never contains a secret. */
  message: string;
}

/** A credential type, declared in one object: its form, its secret fields and how it signs requests. */
export interface CredentialDefinition<
  Schema extends z.ZodType<Record<string, unknown>> = z.ZodType<Record<string, unknown>>,
> {
  type: CredentialType;
  label: string;
  description: string;
  /** The credential's fields; secret ones carry `.meta({ secret: true })`. */
  schema: Schema;
  /** Adds the credential's authentication (a header) to a request and returns the new request. */
  authenticate(
    data: z.infer<Schema>,
    request: ClientRequest,
    context: AuthContext,
  ): Promise<ClientRequest>;
  /**
   * Returns secret strings that the secret fields contain or produce besides their own values,
   * such as the private key inside a service account key file. `secretValuesOf` adds them, so
   * redaction cuts them out of errors and the journal too.
   */
  derivedSecrets?(data: z.infer<Schema>): string[];
  /** Drops the cached access token of a token-minting type, after the API rejected it with 401. */
  forgetToken?(data: z.infer<Schema>, context: AuthContext): void;
  /** Sends a cheap authenticated request and reports whether the credential works. */
  testCredential(data: z.infer<Schema>, context: AuthContext): Promise<CredentialTestResult>;
}

/** Declares a credential type with its data type inferred from the schema. */
export function defineCredential<Schema extends z.ZodType<Record<string, unknown>>>(
  definition: CredentialDefinition<Schema>,
): CredentialDefinition<Schema> {
  return definition;
}
