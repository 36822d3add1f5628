import type { FastifyInstance } from 'fastify';
import type { FirstStart } from './bootstrap.js';
import { DEFAULT_ENDPOINT_SLUG } from './bootstrap.js';
import { endpointUrls } from './endpoints/endpoint-urls.js';

/**
 * Logs where the designer and the default endpoint are reachable, the HTTP host allowlist when
 * one is set and, on the first start only, the secrets that were generated. Secrets that came
 * from the environment are never logged.
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
  // Plain sentences for a person reading the console; the fields above are for log tools.
  app.log.info(
    `Designer: ${publicUrl}/ (sign in as admin). SCIM Users URL: ${urls.usersUrl}. ` +
      `SCIM Groups URL: ${urls.groupsUrl}. Legacy scim-choreo URL: ${urls.legacyUrl}.`,
  );

  // Logged once, so that an operator can see which hosts flows reach without reading the env.
  const allowlist = app.flowRuntime.allowedHosts;
  if (allowlist) {
    app.log.info(
      { httpAllowedHosts: allowlist.entries },
      `Flows and credential tests send HTTP requests only to these hosts (SCIMFLOW_HTTP_ALLOWED_HOSTS): ${allowlist.entries.join(', ')}`,
    );
  }

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

  if (firstStart.adminPasswordIgnored) {
    app.log.warn(
      'SCIMFLOW_ADMIN_PASSWORD is set, but the admin account already exists, so its password stays as it was. ' +
        'The variable applies on the first start only; to start over, stop ScimFlow and delete the data folder.',
    );
  }

  if (Object.keys(generated).length > 0) {
    app.log.info(
      { firstStartCredentials: generated },
      'generated credentials, shown only on this first start',
    );
    app.log.info(describeGenerated(firstStart));
    return;
  }
  app.log.info(
    'The admin password and the generated endpoint credentials were shown on the first start ' +
      'only. Rotate endpoint credentials on the Endpoints page of the designer.',
  );
}

/** Writes the generated secrets as sentences, so a first-time user can copy them from the console. */
function describeGenerated(firstStart: FirstStart): string {
  const parts: string[] = [];
  if (firstStart.adminPassword) {
    parts.push(`Sign in as admin with password ${firstStart.adminPassword}.`);
  }
  const secrets = firstStart.endpointSecrets;
  if (secrets?.bearerToken) parts.push(`Default endpoint bearer token: ${secrets.bearerToken}.`);
  if (secrets?.basic) {
    parts.push(`Basic user: ${secrets.basic.username}, password: ${secrets.basic.password}.`);
  }
  if (secrets?.apiKey) parts.push(`API key: ${secrets.apiKey}.`);
  if (secrets?.oauth2) {
    parts.push(
      `OAuth2 client id: ${secrets.oauth2.clientId}, secret: ${secrets.oauth2.clientSecret}.`,
    );
  }
  return `First start. ${parts.join(' ')} These are shown only this once.`;
}
