import { randomBytes } from 'node:crypto';

import { rsaKeyPair } from '../core/key-pairs.js';

import type { GoogleAuthState } from './auth-state.js';

/** A service-account key file in the JSON format that Google Cloud's console downloads. */
export interface ServiceAccountKey {
  type: 'service_account';
  project_id: string;
  private_key_id: string;
  /** PKCS #8 PEM, which `jose.importPKCS8` and google-auth-library read. */
  private_key: string;
  client_email: string;
  client_id: string;
  auth_uri: string;
  /** This server's token endpoint, not Google's. */
  token_uri: string;
  auth_provider_x509_cert_url: string;
  client_x509_cert_url: string;
  universe_domain: string;
}

/** Options of {@link registerServiceAccount}. */
export interface ServiceAccountOptions {
  /** Defaults to `scimflow-sync@scimflow-test.iam.gserviceaccount.com` with a counter. */
  clientEmail?: string;
  /** Scopes granted for domain-wide delegation; defaults to Directory users and Sheets. */
  delegatedScopes?: string[];
}

export const directoryUserScope = 'https://www.googleapis.com/auth/admin.directory.user';
export const sheetsScope = 'https://www.googleapis.com/auth/spreadsheets';

let accountCounter = 0;

/**
 * Creates a service account with a new RSA key pair, registers its public key with the token
 * endpoint and returns the key file, whose `token_uri` points at this server.
 */
export function registerServiceAccount(
  state: GoogleAuthState,
  options: ServiceAccountOptions = {},
): ServiceAccountKey {
  accountCounter += 1;
  const projectId = 'scimflow-test';
  const clientEmail = (
    options.clientEmail ?? `scimflow-sync-${accountCounter}@${projectId}.iam.gserviceaccount.com`
  ).toLowerCase();
  const clientId = String(
    100000000000000000000n + BigInt(Date.now()) * 1000n + BigInt(accountCounter),
  );
  const privateKeyId = randomBytes(20).toString('hex');
  const { publicKey, privateKey } = rsaKeyPair('google', state.serviceAccounts.size);

  state.serviceAccounts.set(clientEmail, {
    clientEmail,
    clientId,
    privateKeyId,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    delegatedScopes: options.delegatedScopes ?? [directoryUserScope, sheetsScope],
  });

  return {
    type: 'service_account',
    project_id: projectId,
    private_key_id: privateKeyId,
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: clientEmail,
    client_id: clientId,
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: state.tokenUri,
    auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
    client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(clientEmail)}`,
    universe_domain: 'googleapis.com',
  };
}
