import { SignJWT, importPKCS8 } from 'jose';

import type { ServiceAccountKey, TestServers } from '../src/index.js';

/** Claims to change in a service-account assertion; `null` leaves the claim out. */
export interface AssertionOverrides {
  iss?: string;
  sub?: string | null;
  scope?: string | null;
  aud?: string;
  iat?: number;
  exp?: number;
  privateKey?: string;
}

/** Signs a JWT-bearer assertion as google-auth-library does for a service-account key. */
export async function signAssertion(key: ServiceAccountKey, overrides: AssertionOverrides = {}) {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    scope:
      'https://www.googleapis.com/auth/admin.directory.user https://www.googleapis.com/auth/spreadsheets',
    sub: 'admin@example.com',
  };
  if (overrides.scope !== undefined) claims.scope = overrides.scope ?? undefined;
  if (overrides.sub !== undefined) claims.sub = overrides.sub ?? undefined;

  const privateKey = await importPKCS8(overrides.privateKey ?? key.private_key, 'RS256');
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.private_key_id })
    .setIssuer(overrides.iss ?? key.client_email)
    .setAudience(overrides.aud ?? key.token_uri)
    .setIssuedAt(overrides.iat ?? now)
    .setExpirationTime(overrides.exp ?? (overrides.iat ?? now) + 3600)
    .sign(privateKey);
}

/** Posts an assertion to the token endpoint, form-encoded. */
export async function requestToken(tokenUri: string, assertion: string, grantType?: string) {
  const response = await fetch(tokenUri, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: grantType ?? 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion,
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Seeds admin `admin@example.com` and a service account; returns its key and an admin token. */
export async function seedGoogle(servers: TestServers) {
  servers.google.addAdmin('admin@example.com');
  const key = servers.google.createServiceAccount();
  const { body } = await requestToken(servers.google.tokenUri, await signAssertion(key));
  return { key, token: String(body.access_token) };
}
