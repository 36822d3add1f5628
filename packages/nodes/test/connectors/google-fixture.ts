import type { ServiceAccountOptions, TestServers } from '@scimflow/testservers';
import type { ResolvedCredential } from '../../src/define.js';
import { CANARY } from './harness.js';

export const ADMIN = 'admin@example.com';

/**
 * Seeds a Workspace admin and a service account with domain-wide delegation, and returns the
 * credential for it. The key file's `private_key_id` is the canary, to catch a leaked key.
 */
export function seedServiceAccount(
  servers: TestServers,
  options: ServiceAccountOptions = {},
): ResolvedCredential {
  servers.google.addAdmin(ADMIN);
  const key = servers.google.createServiceAccount(options);

  return {
    name: 'workspace',
    type: 'google.serviceAccount',
    data: {
      serviceAccountKey: JSON.stringify({ ...key, private_key_id: CANARY }),
      subject: ADMIN,
      directoryBaseUrl: servers.google.rootUrl,
      sheetsBaseUrl: servers.google.rootUrl,
    },
  };
}

/** Returns the text of a value or an error, with the error's message, for secret checks. */
export function secretFree(value: unknown): string {
  return value instanceof Error
    ? `${value.message} ${JSON.stringify(value)}`
    : JSON.stringify(value);
}
