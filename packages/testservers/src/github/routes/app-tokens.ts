import type { FastifyInstance, FastifyRequest } from 'fastify';
import { decodeJwt, importSPKI, jwtVerify } from 'jose';

import { readCredential } from '../auth.js';
import { GithubError, notFound } from '../errors.js';
import type { GithubApp } from '../model.js';
import { simpleOrg } from '../serialize.js';
import { generateGithubToken, type GithubState } from '../state.js';

const installationTokenLifetimeMs = 60 * 60 * 1000;
const maxJwtLifetimeSeconds = 10 * 60;
const allowedClockDriftSeconds = 60;

function jwtError(message: string): GithubError {
  return new GithubError(401, {
    message,
    documentation_url: 'https://docs.github.com/rest',
    status: '401',
  });
}

/**
 * Verifies the app JWT in `Authorization: Bearer` as GitHub does: RS256 signed by the app's
 * key, `iss` the app id, `iat` at most 60 s ahead, `exp` in the future and at most 10 minutes
 * after `iat`. Returns the app.
 */
async function verifyAppJwt(state: GithubState, request: FastifyRequest): Promise<GithubApp> {
  const header = request.headers.authorization ?? '';
  const jwt = /^bearer\s/i.test(header) ? readCredential(header) : undefined;
  if (jwt === undefined) throw jwtError('A JSON web token could not be decoded');

  let claims: ReturnType<typeof decodeJwt>;
  try {
    claims = decodeJwt(jwt);
  } catch {
    throw jwtError('A JSON web token could not be decoded');
  }

  const app = state.apps.get(Number(claims.iss));
  if (app === undefined) throw jwtError(`Integration not found for issuer ${String(claims.iss)}`);

  try {
    const key = await importSPKI(app.publicKeyPem, 'RS256');
    await jwtVerify(jwt, key, { algorithms: ['RS256'], clockTolerance: allowedClockDriftSeconds });
  } catch (error) {
    request.log.info({ appId: app.id, err: error }, 'rejected app JWT');
    throw jwtError('A JSON web token could not be decoded');
  }

  const now = Math.floor(Date.now() / 1000);
  const { iat, exp } = claims;
  if (typeof iat !== 'number' || iat > now + allowedClockDriftSeconds) {
    throw jwtError("'Issued at' claim ('iat') must be an Integer representing a time in the past");
  }
  if (typeof exp !== 'number' || exp - iat > maxJwtLifetimeSeconds) {
    throw jwtError("'Expiration time' claim ('exp') is too far in the future");
  }
  return app;
}

/** GitHub App routes that authenticate with the app's JWT. */
export function registerAppTokenRoutes(app: FastifyInstance, state: GithubState): void {
  app.post<{ Params: { installation_id: string } }>(
    '/app/installations/:installation_id/access_tokens',
    async (request, reply) => {
      const githubApp = await verifyAppJwt(state, request);
      const installation = state.installations.get(Number(request.params.installation_id));
      if (installation === undefined || installation.appId !== githubApp.id) throw notFound();

      const expiresAt = Date.now() + installationTokenLifetimeMs;
      const token = generateGithubToken('ghs_');
      state.tokens.set(token, {
        token,
        userId: githubApp.botUserId,
        kind: 'installation',
        installationId: installation.id,
        expiresAt,
      });

      return reply.code(201).send({
        token,
        expires_at: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        permissions: installation.permissions,
        repository_selection: 'all',
      });
    },
  );

  app.get<{ Params: { org: string } }>('/orgs/:org/installation', async (request) => {
    const githubApp = await verifyAppJwt(state, request);
    const org = state.requireOrg(request.params.org);

    const installation = [...state.installations.values()].find(
      (value) => value.appId === githubApp.id && value.orgLogin === org.login,
    );
    if (installation === undefined) throw notFound();
    return {
      id: installation.id,
      app_id: githubApp.id,
      app_slug: githubApp.slug,
      account: simpleOrg(state, org),
      target_type: 'Organization',
      permissions: installation.permissions,
    };
  });
}
