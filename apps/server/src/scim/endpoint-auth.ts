import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EndpointCredentials, EndpointRow } from '../endpoints/endpoint-store.js';
import { secretVersion } from '../auth/access-token.js';
import { parseBasic, parseBearer } from '../auth/credentials-from-request.js';
import { hashToken, safeEqual } from '../security/hash.js';
import { verifySecret } from '../security/secret-check.js';

/** The credential kind a SCIM request authenticated with. */
export type AuthMethod = 'bearer' | 'oauth2' | 'basic' | 'apiKey';

// A JWT is three base64url parts separated by dots; static tokens we generate have no dots.
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Checks the credentials of a SCIM request against one endpoint: a static bearer token or an
 * OAuth2 access token, HTTP Basic, the API key in the endpoint's header, or the API key as a
 * bare `Authorization: <key>` value (WSO2's API-key mode). Returns the method that matched.
 */
export async function authenticate(
  app: FastifyInstance,
  request: FastifyRequest,
  endpoint: EndpointRow,
  credentials: EndpointCredentials,
): Promise<AuthMethod | undefined> {
  const authorization = request.headers.authorization;

  const apiKeyHeader = request.headers[endpoint.api_key_header.toLowerCase()];
  if (typeof apiKeyHeader === 'string' && apiKeyHeader !== '') {
    if (await verifySecret(apiKeyHeader, credentials.api_key_hash)) return 'apiKey';
    return undefined;
  }

  if (!authorization) return undefined;

  const bearer = parseBearer(authorization);
  if (bearer !== undefined) {
    if (bearer === '') return undefined;
    if (JWT_SHAPE.test(bearer) && (await verifyAccessToken(app, bearer, endpoint, credentials))) {
      return 'oauth2';
    }
    // A static token an operator chose may itself contain dots, so it is checked either way.
    return (await verifyBearerToken(bearer, credentials)) ? 'bearer' : undefined;
  }

  const basic = parseBasic(authorization);
  if (basic) {
    const userMatches = safeEqual(basic.username, credentials.basic_username ?? '');
    const passwordMatches = await verifySecret(basic.password, credentials.basic_password_hash);
    return userMatches && passwordMatches && credentials.basic_username ? 'basic' : undefined;
  }

  // No known scheme: WSO2's API-key mode puts the bare key in Authorization.
  return (await verifySecret(authorization.trim(), credentials.api_key_hash))
    ? 'apiKey'
    : undefined;
}

// The last bearer token that matched each credentials row. `EndpointStore.resolve` returns a
// new row object after a rotation or its 5 s cache expiry, so a stale entry is never consulted.
const lastVerifiedBearer = new WeakMap<EndpointCredentials, Buffer>();

/**
 * Checks a static bearer token. A generated token's SHA-256 hash is compared directly in
 * constant time (one hash instead of the three of `verifySecret`), and a token that matched
 * before is compared with that token in constant time without hashing. Hashes of chosen
 * tokens (scrypt) go through `verifySecret`.
 */
async function verifyBearerToken(
  token: string,
  credentials: EndpointCredentials,
): Promise<boolean> {
  const stored = credentials.bearer_token_hash;
  if (!stored?.startsWith('sha256$')) return verifySecret(token, stored);

  const presented = Buffer.from(token);
  const known = lastVerifiedBearer.get(credentials);
  // Only the length can differ in time here, and a generated token's length is public.
  if (known && known.length === presented.length && crypto.timingSafeEqual(known, presented)) {
    return true;
  }

  const actual = Buffer.from(hashToken(token));
  const expected = Buffer.from(stored);
  const matches = actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
  if (matches) lastVerifiedBearer.set(credentials, presented);
  return matches;
}

async function verifyAccessToken(
  app: FastifyInstance,
  token: string,
  endpoint: EndpointRow,
  credentials: EndpointCredentials,
): Promise<boolean> {
  if (!credentials.oauth_client_id || !credentials.oauth_client_secret_hash) return false;

  const claims = await app.scimflow.accessTokens.verify(token, endpoint.id);
  if (!claims) return false;
  return (
    safeEqual(claims.clientId, credentials.oauth_client_id) &&
    safeEqual(claims.secretVersion, secretVersion(credentials.oauth_client_secret_hash))
  );
}
