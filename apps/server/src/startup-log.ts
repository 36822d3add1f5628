import type { FastifyInstance } from 'fastify';
import type { FirstStart } from './bootstrap.js';
import { DEFAULT_ENDPOINT_SLUG } from './bootstrap.js';
import { endpointUrls } from './endpoints/endpoint-urls.js';

/**
 * Logs where the designer and the default endpoint are reachable and, on the first start only,
 * the secrets that were generated. Secrets that came from the environment are never logged.
 */
export function logStartup(app: FastifyInstance, firstStart: FirstStart): void {
  const publicUrl = app.scimflow.publicUrl();
  const urls = endpointUrls(publicUrl, DEFAULT_ENDPOINT_SLUG);

  app.log.info(
    {
      designerUrl: `${publicUrl}/`,
      usersUrl: urls.usersUrl,
      groupsUrl: urls.groupsUrl,
      legacyUrl: urls.legacyUrl,
      tokenUrl: urls.tokenUrl,
    },
    'ScimFlow is ready',
  );

  // These generated values are shown this once so the operator can configure the identity
  // provider; they are stored only as hashes. Field names avoid the redacted log paths on purpose.
  const generated: Record<string, unknown> = {};
  if (firstStart.adminPassword)
    generated.adminLogin = { username: 'admin', initialAdminPassword: firstStart.adminPassword };
  const secrets = firstStart.endpointSecrets;
  if (secrets?.bearerToken) generated.scimBearer = secrets.bearerToken;
  if (secrets?.basic) generated.scimBasic = `${secrets.basic.username}:${secrets.basic.password}`;
  if (secrets?.apiKey) generated.scimApiKey = secrets.apiKey;
  if (secrets?.oauth2)
    generated.oauth2Client = `${secrets.oauth2.clientId}:${secrets.oauth2.clientSecret}`;

  if (Object.keys(generated).length > 0) {
    app.log.info(
      { firstStartCredentials: generated },
      'generated credentials, shown only on this first start',
    );
  }
}
