import { randomUUID } from 'node:crypto';

import type { FastifyInstance, FastifyRequest } from 'fastify';

import {
  GithubError,
  badCredentials,
  badRequest,
  forbidden,
  notFound,
  primaryRateLimitBody,
} from './errors.js';
import type { GithubOrg, GithubToken, RateLimitWindow } from './model.js';
import type { GithubState } from './state.js';

/** API versions that the server accepts in `X-GitHub-Api-Version`. */
export const supportedApiVersions = ['2022-11-28', '2026-03-10'];

/** Routes that authenticate with the app's JWT, so the token check skips them. */
export const appJwtRoutes = new Set([
  '/app/installations/:installation_id/access_tokens',
  '/orgs/:org/installation',
]);

/** Sender of a request: a token's identity, or none for an unauthenticated request. */
export interface GithubCaller {
  token?: GithubToken;
  /** Rate-limit key and the phrase GitHub's rate-limit message names it by. */
  rateKey: string;
  rateIdentity: string;
}

const callers = new WeakMap<FastifyRequest, GithubCaller>();

/** Returns the caller that the auth hook resolved for this request. */
export function callerOf(request: FastifyRequest): GithubCaller {
  return callers.get(request) ?? { rateKey: `ip:${request.ip}`, rateIdentity: request.ip };
}

/** Reads `Authorization: Bearer <t>` or `Authorization: token <t>`. */
export function readCredential(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;

  const match = /^(bearer|token)\s+(\S+)\s*$/i.exec(header);
  return match?.[2];
}

function rateWindow(state: GithubState, key: string, limit: number): RateLimitWindow {
  const now = Math.floor(Date.now() / 1000);
  let window = state.rateLimits.get(key);
  if (window === undefined || window.resetAt <= now) {
    window = { limit, used: 0, resetAt: now + 3600 };
    state.rateLimits.set(key, window);
  }
  window.limit = limit;
  return window;
}

function rateHeaders(window: RateLimitWindow): Record<string, string> {
  return {
    'x-ratelimit-limit': String(window.limit),
    'x-ratelimit-remaining': String(Math.max(0, window.limit - window.used)),
    'x-ratelimit-used': String(window.used),
    'x-ratelimit-reset': String(window.resetAt),
    'x-ratelimit-resource': 'core',
  };
}

function resolveCaller(state: GithubState, request: FastifyRequest): GithubCaller {
  const credential = readCredential(request.headers.authorization);
  if (credential === undefined) {
    return { rateKey: `ip:${request.ip}`, rateIdentity: request.ip };
  }

  const token = state.tokens.get(credential);
  if (token === undefined) throw badCredentials();
  if (token.expiresAt !== undefined && token.expiresAt <= Date.now()) throw badCredentials();

  if (token.kind === 'installation') {
    return {
      token,
      rateKey: `installation:${token.installationId}`,
      rateIdentity: `installation ID ${token.installationId}`,
    };
  }
  return { token, rateKey: `user:${token.userId}`, rateIdentity: `user ID ${token.userId}` };
}

/**
 * Adds the checks that GitHub makes before any route: `User-Agent`, `X-GitHub-Api-Version`,
 * the token, and the primary rate limit, whose headers every response carries. Routes with
 * in `appJwtRoutes` authenticate with an app JWT instead of a token.
 */
export function installGithubAuth(app: FastifyInstance, state: GithubState, prefix: string): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-github-request-id', randomUUID().toUpperCase());
    reply.header('x-github-media-type', 'github.v3; format=json');

    const userAgent = request.headers['user-agent'];
    if (userAgent === undefined || userAgent.trim() === '') {
      throw forbidden(
        'Request forbidden by administrative rules. Please make sure your request has a User-Agent header.',
      );
    }

    const version = request.headers['x-github-api-version'];
    if (typeof version === 'string' && !supportedApiVersions.includes(version)) {
      throw badRequest(
        `Invalid API version ${version}: expected one of ${supportedApiVersions.join(', ')}`,
      );
    }
    reply.header('x-github-api-version-selected', version ?? supportedApiVersions[0]);

    const route = request.routeOptions.url ?? '';
    if (appJwtRoutes.has(route.slice(prefix.length))) return;

    const caller = resolveCaller(state, request);
    callers.set(request, caller);

    const unauthenticatedLimit = 60;
    const limit = caller.token === undefined ? unauthenticatedLimit : state.settings.rateLimit;
    const window = rateWindow(state, caller.rateKey, limit);
    const consumes = request.url.split('?')[0]?.endsWith('/rate_limit') !== true;

    if (consumes && window.used >= window.limit) {
      throw new GithubError(
        state.settings.rateLimitStatus,
        primaryRateLimitBody(caller.rateIdentity),
        rateHeaders(window),
      );
    }

    if (consumes) window.used += 1;
    reply.headers(rateHeaders(window));
  });
}

/**
 * Checks that the caller may read or change an organization's members. Returns GitHub's 401
 * without a token, 404 to non-members, and 403 to members who are not owners on writes.
 */
export function requireOrgAccess(
  state: GithubState,
  request: FastifyRequest,
  org: GithubOrg,
  access: 'read' | 'write',
): void {
  const caller = callerOf(request);
  const token = caller.token;
  if (token === undefined) {
    throw new GithubError(401, {
      message: 'Requires authentication',
      documentation_url: 'https://docs.github.com/rest',
      status: '401',
    });
  }

  if (token.kind === 'installation') {
    const installation = state.installations.get(token.installationId ?? -1);
    if (
      installation === undefined ||
      installation.orgLogin.toLowerCase() !== org.login.toLowerCase()
    ) {
      throw notFound();
    }

    const granted = installation.permissions.members;
    if (granted === undefined || (access === 'write' && granted !== 'write')) {
      throw forbidden('Resource not accessible by integration', {
        'x-accepted-github-permissions': `members=${access}`,
      });
    }
    return;
  }

  const role = org.members.get(token.userId);
  if (role === undefined) throw notFound();

  const granted = token.permissions?.members;
  if (
    token.permissions !== undefined &&
    (granted === undefined || (access === 'write' && granted !== 'write'))
  ) {
    throw forbidden('Resource not accessible by personal access token', {
      'x-accepted-github-permissions': `members=${access}`,
    });
  }

  // NOTE: GitHub's exact message for a non-owner's write is not documented; clients should
  // classify by the 403 status alone.
  if (access === 'write' && role !== 'admin') {
    throw forbidden('You must be an organization owner to perform this action.');
  }
}

/** Returns the id of the user that acts for the caller: the token's user or the app's bot. */
export function actingUserId(request: FastifyRequest): number {
  const token = callerOf(request).token;
  if (token === undefined) throw badCredentials();
  return token.userId;
}
