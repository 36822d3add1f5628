import type { FastifyRequest } from 'fastify';

import type { AccessToken, GoogleAuthState } from './auth-state.js';
import { insufficientScopes, invalidCredential, missingCredential } from './errors.js';

/**
 * Returns the access token in `Authorization: Bearer`, or throws Google's 401 when it is
 * missing, unknown or expired and 403 when it has none of `acceptedScopes`. `classic`
 * selects the Admin SDK's envelope with an `errors` array over the Sheets API's.
 */
export function requireAccessToken(
  state: GoogleAuthState,
  request: FastifyRequest,
  acceptedScopes: string[],
  classic: boolean,
): AccessToken {
  const match = /^bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  if (match === null) throw missingCredential(classic);

  const token = state.accessTokens.get(match[1]!);
  if (token === undefined || token.expiresAt <= Date.now()) throw invalidCredential(classic);

  if (!token.scopes.some((scope) => acceptedScopes.includes(scope)))
    throw insufficientScopes(classic);
  return token;
}
