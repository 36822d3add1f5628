import { SignJWT } from 'jose';
import { z } from 'zod';
import type { HttpClient } from '../define.js';
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
import type { AuthContext, CredentialTestResult } from './types.js';
import { defineCredential } from './types.js';

/** GitHub's public API; GitHub Enterprise Server uses `https://HOST/api/v3`. */
export const GITHUB_DEFAULT_BASE_URL = 'https://api.github.com';

/** The REST API version that requests pin, so a new default version changes nothing here. */
export const GITHUB_API_VERSION = '2022-11-28';

/** Headers that GitHub requires or recommends on every REST request. */
export const GITHUB_HEADERS: Record<string, string> = {
  accept: 'application/vnd.github+json',
  'x-github-api-version': GITHUB_API_VERSION,
  'user-agent': 'scimflow',
};

const baseUrl = z
  .url({ protocol: /^https?$/ })
  .default(GITHUB_DEFAULT_BASE_URL)
  .meta({
    ui: {
      widget: 'text',
      label: 'API base URL',
      help: 'https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server.',
      advanced: true,
    },
  });

/** A personal access token or OAuth token of an organization owner. */
export const githubTokenCredential = defineCredential({
  type: 'github.token',
  label: 'GitHub token',
  description:
    'A token of an organization owner: a classic token with admin:org, or a fine-grained one with Members read and write.',
  schema: z.object({
    token: z
      .string()
      .min(1)
      .meta({ secret: true, ui: { widget: 'text', label: 'Token', placeholder: 'github_pat_…' } }),
    baseUrl,
  }),
  async authenticate(data, request) {
    return withHeader(withGithubHeaders(request), 'authorization', `Bearer ${data.token}`);
  },
  async testCredential(data, context) {
    return testGithub(data.baseUrl, `Bearer ${data.token}`, context.http, [data.token]);
  },
});

/** A GitHub App installation: requests carry installation tokens minted from the App's private key. */
export const githubAppCredential = defineCredential({
  type: 'github.app',
  label: 'GitHub App',
  description:
    'A GitHub App installed on the organization with the Members permission (read and write).',
  schema: z.object({
    appId: z.coerce
      .number()
      .int()
      .positive()
      .meta({ ui: { widget: 'number', label: 'App ID' } }),
    installationId: z.coerce
      .number()
      .int()
      .positive()
      .meta({ ui: { widget: 'number', label: 'Installation ID' } }),
    privateKey: z
      .string()
      .includes('PRIVATE KEY', {
        message: 'Paste the whole PEM file, from -----BEGIN to -----END.',
      })
      .meta({ secret: true, ui: { widget: 'textarea', label: 'Private key (PEM)' } }),
    baseUrl,
  }),
  async authenticate(data, request, context) {
    const token = await installationToken(data, context);
    return withHeader(withGithubHeaders(request), 'authorization', `Bearer ${token}`);
  },
  forgetToken(data, context) {
    (context.tokenCache ?? sharedTokenCache).delete(appCacheKey(data));
  },
  async testCredential(data, context) {
    try {
      await installationToken(data, context);
      return {
        ok: true,
        message: `GitHub issued an installation token for installation ${data.installationId}.`,
      };
    } catch (error) {
      if (error instanceof ConnectorError) return { ok: false, message: error.message };
      throw error;
    }
  },
});

interface GithubAppData {
  appId: number;
  installationId: number;
  privateKey: string;
  baseUrl: string;
}

/**
 * Returns an installation token for the App, from the cache while it is valid. A new one comes from
 * `POST /app/installations/{id}/access_tokens`, authorized by an RS256 JWT that the App's key signs.
 */
async function installationToken(data: GithubAppData, context: AuthContext): Promise<string> {
  const cache = context.tokenCache ?? sharedTokenCache;
  const key = appCacheKey(data);

  return cache.get(key, async () => {
    const operation = `POST /app/installations/${data.installationId}/access_tokens`;
    const jwt = await signAppJwt(data);
    const secrets = [jwt, data.privateKey];

    const response = await sendRequest(context.http, {
      method: 'POST',
      url: joinUrl(data.baseUrl, `app/installations/${data.installationId}/access_tokens`),
      headers: { ...GITHUB_HEADERS, authorization: `Bearer ${jwt}` },
      // Minting a second token has no effect that matters, and dry runs need the token.
      retry: 'idempotent',
      readOnly: true,
    }).catch((error: unknown) => {
      throw errorFromTransport('GitHub', operation, error, secrets);
    });

    const body = response.body as { token?: unknown; expires_at?: unknown } | null;
    if (response.status !== 201 || typeof body?.token !== 'string') {
      throw errorFromResponse('GitHub', operation, response, {
        secrets,
        fix: 'Check the App ID, the installation ID and the private key, and that the App is installed on the organization.',
      });
    }

    const expiresAt =
      typeof body.expires_at === 'string' ? Date.parse(body.expires_at) : Number.NaN;
    // GitHub's tokens last one hour; assume that when the expiry is missing.
    return {
      token: body.token,
      expiresAt: Number.isNaN(expiresAt) ? Date.now() + 3_600_000 : expiresAt,
    };
  });
}

function appCacheKey(data: GithubAppData): string {
  return `github.app|${data.baseUrl}|${data.appId}|${data.installationId}`;
}

async function signAppJwt(data: GithubAppData): Promise<string> {
  const key = await importRsaPrivateKey(data.privateKey).catch(() => {
    throw new ConnectorError({
      code: 'credential',
      api: 'GitHub',
      operation: 'sign the App JWT',
      fix: "Paste the App's private key PEM file as GitHub generated it.",
      retryable: false,
    });
  });

  // GitHub accepts App JWTs of at most 10 minutes; iat 60 s back absorbs clock drift.
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuer(String(data.appId))
    .setIssuedAt(now - 60)
    .setExpirationTime(now + 540)
    .sign(key);
}

function withGithubHeaders<Request extends { headers?: Record<string, string> }>(
  request: Request,
): Request {
  return { ...request, headers: { ...GITHUB_HEADERS, ...request.headers } };
}

async function testGithub(
  base: string,
  authorization: string,
  http: HttpClient,
  secrets: string[],
): Promise<CredentialTestResult> {
  // GET /rate_limit costs no rate-limit quota.
  const url = joinUrl(base, 'rate_limit');
  try {
    const response = await http.request({
      method: 'GET',
      url,
      headers: { ...GITHUB_HEADERS, authorization },
    });
    if (response.status === 200) return { ok: true, message: 'GitHub accepted the token.' };
    return {
      ok: false,
      message: errorFromResponse('GitHub', 'GET /rate_limit', response, { secrets }).message,
    };
  } catch (error) {
    return {
      ok: false,
      message: errorFromTransport('GitHub', 'GET /rate_limit', error, secrets).message,
    };
  }
}
