import { SignJWT } from 'jose';
import { z } from 'zod';
import {
  ConnectorError,
  errorFromResponse,
  errorFromTransport,
  joinUrl,
  sendRequest,
} from '../http/index.js';
import { withHeader } from './http.js';
import { importRsaPrivateKey } from './pem.js';
import { sharedTokenCache } from './token-cache.js';
import type { AuthContext } from './types.js';
import { defineCredential } from './types.js';

/** Google's OAuth2 token endpoint, used when the key file names none. */
export const GOOGLE_DEFAULT_TOKEN_URI = 'https://oauth2.googleapis.com/token';

/** OAuth2 scopes per API. */
export const GOOGLE_SCOPES = {
  directoryUser: 'https://www.googleapis.com/auth/admin.directory.user',
  spreadsheets: 'https://www.googleapis.com/auth/spreadsheets',
} as const;

/** The fields of a service account key file that the JWT grant needs. */
export const ServiceAccountKeySchema = z.object({
  client_email: z.email(),
  private_key: z.string().includes('PRIVATE KEY'),
  token_uri: z.url({ protocol: /^https?$/ }).default(GOOGLE_DEFAULT_TOKEN_URI),
});

export type ServiceAccountKey = z.infer<typeof ServiceAccountKeySchema>;

/** A service account with domain-wide delegation, acting as a Workspace admin. */
export const googleServiceAccountCredential = defineCredential({
  type: 'google.serviceAccount',
  label: 'Google service account',
  description:
    'A service account key with domain-wide delegation for the Admin SDK user scope and the Sheets scope, acting as the admin in Subject.',
  schema: z.object({
    serviceAccountKey: z
      .string()
      .refine((text) => parseServiceAccountKey(text) !== undefined, {
        message:
          'Paste the whole service account key file (JSON with client_email, private_key and token_uri).',
      })
      .meta({ secret: true, ui: { widget: 'textarea', label: 'Service account key (JSON)' } }),
    subject: z.email().meta({
      ui: {
        widget: 'text',
        label: 'Subject',
        help: 'The email of the Workspace admin the service account acts as.',
      },
    }),
    directoryBaseUrl: z
      .url({ protocol: /^https?$/ })
      .default('https://admin.googleapis.com')
      .meta({ ui: { widget: 'text', label: 'Directory API base URL', advanced: true } }),
    sheetsBaseUrl: z
      .url({ protocol: /^https?$/ })
      .default('https://sheets.googleapis.com')
      .meta({ ui: { widget: 'text', label: 'Sheets API base URL', advanced: true } }),
  }),
  derivedSecrets(data) {
    const key = parseServiceAccountKey(data.serviceAccountKey);
    if (!key) return [];
    // The key as parsed, with line breaks, and as the key file spells it, with `\n` escapes.
    return [key.private_key, JSON.stringify(key.private_key).slice(1, -1)];
  },
  async authenticate(data, request, context) {
    const token = await googleAccessToken(data, context);
    return withHeader(request, 'authorization', `Bearer ${token}`);
  },
  forgetToken(data, context) {
    const key = parseServiceAccountKey(data.serviceAccountKey);
    if (!key) return;
    (context.tokenCache ?? sharedTokenCache).delete(
      googleCacheKey(key, data.subject, scopesOf(context)),
    );
  },
  async testCredential(data, context) {
    const operation = 'GET /admin/directory/v1/users';
    try {
      const token = await googleAccessToken(data, {
        ...context,
        scopes: [GOOGLE_SCOPES.directoryUser],
      });
      const response = await context.http.request({
        method: 'GET',
        url: joinUrl(data.directoryBaseUrl, 'admin/directory/v1/users'),
        query: { customer: 'my_customer', maxResults: 1 },
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.status === 200)
        return { ok: true, message: `Google issued a token for ${data.subject} and listed users.` };
      return {
        ok: false,
        message: errorFromResponse('Google Directory', operation, response, { secrets: [token] })
          .message,
      };
    } catch (error) {
      if (error instanceof ConnectorError) return { ok: false, message: error.message };
      return {
        ok: false,
        message: errorFromTransport('Google Directory', operation, error).message,
      };
    }
  },
});

/** Parses the key file text; returns `undefined` when it is not a usable key. */
export function parseServiceAccountKey(text: string): ServiceAccountKey | undefined {
  try {
    const result = ServiceAccountKeySchema.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Returns an access token for the scopes, from the cache while it is valid. A new one comes from
 * the JWT bearer grant: an RS256 JWT that the service account key signs, with `sub` set to the
 * admin to act as, posted to the key's `token_uri`.
 */
async function googleAccessToken(
  data: { serviceAccountKey: string; subject: string },
  context: AuthContext,
): Promise<string> {
  const key = parseServiceAccountKey(data.serviceAccountKey);
  if (!key) {
    throw new ConnectorError({
      code: 'credential',
      api: 'Google OAuth2',
      operation: 'read the service account key',
      fix: 'Paste the whole service account key file into the credential.',
      retryable: false,
    });
  }

  const scopes = scopesOf(context);
  const cacheKey = googleCacheKey(key, data.subject, scopes);
  const cache = context.tokenCache ?? sharedTokenCache;

  return cache.get(cacheKey, async () => {
    const assertion = await signGrant(key, data.subject, scopes);
    const secrets = [assertion, key.private_key];
    const operation = `POST ${new URL(key.token_uri).pathname}`;

    const response = await sendRequest(context.http, {
      method: 'POST',
      url: key.token_uri,
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion,
      }),
      // A second token request changes nothing, and dry runs need the token.
      retry: 'idempotent',
      readOnly: true,
    }).catch((error: unknown) => {
      throw errorFromTransport('Google OAuth2', operation, error, secrets);
    });

    const body = response.body as { access_token?: unknown; expires_in?: unknown } | null;
    if (response.status !== 200 || typeof body?.access_token !== 'string') {
      throw errorFromResponse('Google OAuth2', operation, response, {
        secrets,
        fix: grantFix(response.body, scopes),
      });
    }

    const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 3600;
    return { token: body.access_token, expiresAt: Date.now() + expiresIn * 1000 };
  });
}

function scopesOf(context: AuthContext): string[] {
  return [...(context.scopes ?? [GOOGLE_SCOPES.directoryUser])].sort();
}

function googleCacheKey(key: ServiceAccountKey, subject: string, scopes: string[]): string {
  return `google|${key.token_uri}|${key.client_email}|${subject}|${scopes.join(' ')}`;
}

async function signGrant(
  key: ServiceAccountKey,
  subject: string,
  scopes: string[],
): Promise<string> {
  const privateKey = await importRsaPrivateKey(key.private_key).catch(() => {
    throw new ConnectorError({
      code: 'credential',
      api: 'Google OAuth2',
      operation: 'sign the JWT grant',
      fix: 'The private_key in the service account key is not an RSA key in PEM; paste the key file as Google issued it.',
      retryable: false,
    });
  });

  // Google accepts assertions of at most one hour.
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ scope: scopes.join(' ') })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuer(key.client_email)
    .setSubject(subject)
    .setAudience(key.token_uri)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(privateKey);
}

function grantFix(body: unknown, scopes: string[]): string {
  const error =
    typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (error === 'unauthorized_client') {
    return `In the Admin console, grant domain-wide delegation to the service account's client ID for the scopes ${scopes.join(', ')}.`;
  }
  if (error === 'invalid_grant')
    return 'Check the service account key, the Subject admin email and the server clock.';
  return 'Check the service account key and the Subject admin email.';
}
