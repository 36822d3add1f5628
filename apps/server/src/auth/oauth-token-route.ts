import type { FastifyInstance, FastifyReply } from 'fastify';
import { verifySecret } from '../security/secret-check.js';
import { secretVersion } from './access-token.js';
import { parseBasic } from './credentials-from-request.js';

function oauthError(
  reply: FastifyReply,
  status: number,
  error: string,
  description: string,
  basicChallenge = false,
) {
  if (basicChallenge) reply.header('www-authenticate', 'Basic realm="scimflow"');
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .send({ error, error_description: description });
}

/**
 * Registers `POST /oauth2/token`, the OAuth2 client credentials grant (RFC 6749 section 4.4).
 * The client id and secret come as HTTP Basic or in the form or JSON body. The response carries
 * a short-lived JWT bound to the client's SCIM endpoint.
 */
export async function oauthTokenRoute(app: FastifyInstance): Promise<void> {
  const tokens = app.scimflow.accessTokens;

  // The parser is local to this plugin's scope, so only the token route parses forms.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );

  app.post('/oauth2/token', async (request, reply) => {
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<
      string,
      unknown
    >;

    const basic = parseBasic(request.headers.authorization);
    const clientId =
      basic?.username ?? (typeof body.client_id === 'string' ? body.client_id : undefined);
    const clientSecret =
      basic?.password ?? (typeof body.client_secret === 'string' ? body.client_secret : undefined);

    if (body.grant_type === undefined) {
      return oauthError(
        reply,
        400,
        'invalid_request',
        'grant_type is missing; send grant_type=client_credentials',
      );
    }
    if (body.grant_type !== 'client_credentials') {
      return oauthError(
        reply,
        400,
        'unsupported_grant_type',
        `grant_type "${String(body.grant_type)}" is not supported; use client_credentials`,
      );
    }
    if (!clientId || !clientSecret) {
      return oauthError(
        reply,
        401,
        'invalid_client',
        'Client authentication is missing; send client_id and client_secret as HTTP Basic or in the body',
        true,
      );
    }

    const found = await app.scimflow.endpoints.findByClientId(clientId);
    const storedHash = found?.credentials.oauth_client_secret_hash;
    if (!found || !storedHash || !(await verifySecret(clientSecret, storedHash))) {
      request.log.info({ clientId }, 'OAuth2 client authentication failed');
      return oauthError(
        reply,
        401,
        'invalid_client',
        'Unknown client or wrong client secret',
        Boolean(basic),
      );
    }

    const { token, expiresIn } = await tokens.issue(
      found.endpoint.id,
      clientId,
      secretVersion(storedHash),
    );
    request.log.info({ clientId, endpoint: found.endpoint.slug }, 'OAuth2 access token issued');
    return reply
      .header('cache-control', 'no-store')
      .header('pragma', 'no-cache')
      .send({ access_token: token, token_type: 'Bearer', expires_in: expiresIn });
  });
}
