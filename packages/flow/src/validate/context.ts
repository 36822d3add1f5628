import type { z } from 'zod';

/** Node type facts that validation reads. The node catalogue's definitions fit this shape. */
export interface NodeTypeInfo {
  config: z.ZodType;
  outputs: readonly string[] | ((config: never) => string[]);
  isTrigger?: boolean;
  credentialTypes?: readonly string[];
  /** When false, a node of this type may run without a credential. Defaults to true when `credentialTypes` is set. */
  credentialRequired?: boolean;
}

/** A credential that exists in the credential store: name and type, never the secret. */
export interface KnownCredential {
  name: string;
  type: string;
}

/** Node types and credentials that validateFlow checks against, passed in so this package imports no node code. */
export interface ValidationContext {
  getNodeType(type: string): NodeTypeInfo | undefined;
  /**
   * Credentials in the store. When left out, credential names are checked against the
   * document's own `credentials` list instead.
   */
  credentials?: readonly KnownCredential[];
}
