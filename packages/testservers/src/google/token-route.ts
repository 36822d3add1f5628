import type { FastifyInstance, FastifyRequest } from 'fastify';
import { decodeJwt, errors as joseErrors, importSPKI, jwtVerify, type JWTPayload } from 'jose';

import type { GoogleAuthState, ServiceAccount } from './auth-state.js';
import { oauthError } from './errors.js';

const jwtBearerGrant = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const maxAssertionLifetimeSeconds = 3600;
const clockSkewSeconds = 60;
/** Google reports one second less than the token's hour, so clients refresh in time. */
const expiresInSeconds = 3599;

const shortLivedMessage =
  'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.';
const unauthorizedClientMessage =
  'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.';

function readForm(request: FastifyRequest): Record<string, string> {
  const body = request.body;
  if (typeof body !== 'object' || body === null) return {};
  return body as Record<string, string>;
}

/** Verifies the assertion's signature and audience with jose, mapping failures to Google's errors. */
async function verifyAssertion(
  state: GoogleAuthState,
  account: ServiceAccount,
  assertion: string,
  request: FastifyRequest,
): Promise<JWTPayload> {
  try {
    const key = await importSPKI(account.publicKeyPem, 'RS256');
    const { payload } = await jwtVerify(assertion, key, {
      algorithms: ['RS256'],
      audience: [state.tokenUri, ...state.audiences],
      clockTolerance: clockSkewSeconds,
      requiredClaims: ['iat', 'exp'],
    });
    return payload;
  } catch (error) {
    request.log.info({ clientEmail: account.clientEmail, err: error }, 'rejected JWT assertion');
    if (error instanceof joseErrors.JWTExpired)
      throw oauthError(400, 'invalid_grant', shortLivedMessage);
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'aud') {
      // NOTE: Google's exact wording for a wrong audience is not documented.
      throw oauthError(
        400,
        'invalid_grant',
        `Invalid JWT: Failed audience check. The right audience is ${state.tokenUri}`,
      );
    }
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      throw oauthError(400, 'invalid_grant', shortLivedMessage);
    }
    throw oauthError(400, 'invalid_grant', 'Invalid JWT Signature.');
  }
}

/**
 * Checks `sub` for domain-wide delegation: the subject must be a Workspace admin, and the
 * service account must hold every requested scope.
 */
function checkDelegation(
  state: GoogleAuthState,
  account: ServiceAccount,
  subject: string,
  scopes: string[],
) {
  if (!state.isAdmin(subject)) throw oauthError(400, 'invalid_grant', 'Invalid email or User ID');

  const granted = new Set(account.delegatedScopes);
  if (!scopes.every((scope) => granted.has(scope))) {
    throw oauthError(401, 'unauthorized_client', unauthorizedClientMessage);
  }
}

/**
 * Registers `POST /token` with the JWT-bearer grant that service accounts use. The assertion
 * is signed RS256 with the account's key and carries `iss` (the account's email), `aud` (the
 * token URL), `scope` (space-separated), `iat` and `exp` at most one hour apart, and `sub`
 * (the admin to impersonate).
 */
export function registerTokenRoute(app: FastifyInstance, state: GoogleAuthState): void {
  app.post('/token', async (request, reply) => {
    reply.header('cache-control', 'no-cache, no-store, max-age=0, must-revalidate');
    const form = readForm(request);

    if (form.grant_type === undefined) {
      throw oauthError(400, 'invalid_request', 'Missing required parameter: grant_type');
    }
    if (form.grant_type !== jwtBearerGrant) {
      throw oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${form.grant_type}`);
    }
    if (form.assertion === undefined || form.assertion === '') {
      throw oauthError(400, 'invalid_request', 'Missing required parameter: assertion');
    }

    let claims: JWTPayload;
    try {
      claims = decodeJwt(form.assertion);
    } catch {
      throw oauthError(400, 'invalid_grant', 'Invalid JWT Signature.');
    }

    const account = state.serviceAccounts.get(String(claims.iss ?? '').toLowerCase());
    if (account === undefined) {
      throw oauthError(400, 'invalid_grant', 'Invalid grant: account not found');
    }

    const payload = await verifyAssertion(state, account, form.assertion, request);
    const lifetime = (payload.exp ?? 0) - (payload.iat ?? 0);
    const now = Math.floor(Date.now() / 1000);
    if (lifetime > maxAssertionLifetimeSeconds || (payload.iat ?? 0) > now + clockSkewSeconds) {
      throw oauthError(400, 'invalid_grant', shortLivedMessage);
    }

    const scopes =
      typeof payload.scope === 'string' ? payload.scope.split(/\s+/).filter(Boolean) : [];
    if (scopes.length === 0) {
      throw oauthError(400, 'invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
    }

    const subject = typeof payload.sub === 'string' ? payload.sub.toLowerCase() : undefined;
    if (subject !== undefined && subject !== account.clientEmail) {
      checkDelegation(state, account, subject, scopes);
    }

    const token = state.issueToken({
      clientEmail: account.clientEmail,
      subject: subject === account.clientEmail ? undefined : subject,
      scopes,
      expiresAt: Date.now() + expiresInSeconds * 1000,
    });
    request.log.info({ clientEmail: account.clientEmail, subject }, 'issued Google access token');
    return { access_token: token.token, expires_in: expiresInSeconds, token_type: 'Bearer' };
  });
}
