import { secretValuesOf, type ResolvedCredential } from '@scimflow/nodes';
import { credentialStrings } from '@scimflow/runtime';
import { isCredentialType } from './credential-codec.js';

/**
 * Returns the strings of a credential that the runtime cuts out of step errors, logs and the
 * journal: the values of the fields its type marks secret, and the secrets inside them, such as
 * the private key in a service account key file. Non-secret fields such as base URLs stay
 * readable. For a type this build does not know, every string counts as secret, because the
 * registry does not list which of its fields are safe to show.
 */
export function credentialSecrets(credential: ResolvedCredential): string[] {
  if (!isCredentialType(credential.type)) return credentialStrings(credential.data);
  return secretValuesOf(credential);
}
