import { describe, expect, it } from 'vitest';
import type { CredentialType, ResolvedCredential } from '@scimflow/nodes';
import { credentialSecrets } from '../../src/credentials/credential-secrets.js';

function credentialOf(type: string, data: Record<string, unknown>): ResolvedCredential {
  return { name: 'Example', type: type as CredentialType, data };
}

describe('credentialSecrets', () => {
  it('known type returns only its secret fields', () => {
    const secrets = credentialSecrets(
      credentialOf('github.token', {
        token: 'ghp_tokenvalue0123',
        baseUrl: 'http://127.0.0.1:4010/github',
      }),
    );

    expect(secrets).toEqual(['ghp_tokenvalue0123']);
  });

  it('unknown type returns every string', () => {
    const secrets = credentialSecrets(
      credentialOf('ftp.password', {
        host: 'ftp.example.org',
        login: { user: 'svc', password: 'ftp-password-0123' },
        port: 21,
      }),
    );

    expect(secrets).toEqual(['ftp.example.org', 'svc', 'ftp-password-0123']);
  });
});
