import type { FastifyInstance, FastifyRequest } from 'fastify';

import type { GoogleAuthState } from '../auth-state.js';
import { requireAccessToken } from '../bearer.js';
import { classicError } from '../errors.js';
import { directoryUserScope } from '../service-account.js';
import { serializeUser } from './model.js';
import { parseUserQuery } from './query.js';
import type { DirectoryStore } from './store.js';

const readScopes = [directoryUserScope, `${directoryUserScope}.readonly`];
const writeScopes = [directoryUserScope];

type UserKeyParams = { Params: { userKey: string } };

/**
 * Checks the bearer token for Directory calls: the scope, and that it impersonates a
 * Workspace admin, because a service account acting as itself has no admin rights.
 */
function authorize(auth: GoogleAuthState, request: FastifyRequest, access: 'read' | 'write') {
  const token = requireAccessToken(
    auth,
    request,
    access === 'read' ? readScopes : writeScopes,
    true,
  );
  if (token.subject === undefined || !auth.isAdmin(token.subject)) {
    throw classicError(403, 'Not Authorized to access this resource/api', 'forbidden');
  }
  return token;
}

function readBody(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw classicError(400, 'Invalid Input', 'invalid');
  }
  return body as Record<string, unknown>;
}

/** Admin SDK Directory API `users` methods under `/admin/directory/v1`. */
export function registerDirectoryRoutes(
  app: FastifyInstance,
  auth: GoogleAuthState,
  store: DirectoryStore,
): void {
  const base = '/admin/directory/v1/users';

  app.post(base, async (request) => {
    authorize(auth, request, 'write');
    const user = store.insert(readBody(request));
    request.log.info({ userId: user.id }, 'inserted Directory user');
    return serializeUser(user, auth.customerId);
  });

  app.get<UserKeyParams>(`${base}/:userKey`, async (request, reply) => {
    authorize(auth, request, 'read');
    const user = store.require(request.params.userKey, 'read');
    if (request.headers['if-none-match'] === user.etag) return reply.code(304).send();
    reply.header('etag', user.etag);
    return serializeUser(user, auth.customerId);
  });

  const update = async (request: FastifyRequest<UserKeyParams>) => {
    authorize(auth, request, 'write');
    const user = store.require(request.params.userKey, 'write');
    return serializeUser(store.update(user, readBody(request)), auth.customerId);
  };
  app.put<UserKeyParams>(`${base}/:userKey`, update);
  app.patch<UserKeyParams>(`${base}/:userKey`, update);

  app.delete<UserKeyParams>(`${base}/:userKey`, async (request, reply) => {
    authorize(auth, request, 'write');
    const user = store.require(request.params.userKey, 'write');
    user.deleted = true;
    request.log.info({ userId: user.id }, 'deleted Directory user');
    return reply.code(204).send();
  });

  app.post<UserKeyParams>(`${base}/:userKey/undelete`, async (request, reply) => {
    authorize(auth, request, 'write');
    const user = store.undelete(request.params.userKey);
    request.log.info({ userId: user.id }, 'restored Directory user');
    return reply.code(204).send();
  });

  app.get(base, async (request) => {
    authorize(auth, request, 'read');
    const query = request.query as Record<string, string | undefined>;
    if (query.customer === undefined && query.domain === undefined) {
      throw classicError(400, 'Bad Request', 'badRequest');
    }
    if (query.domain !== undefined && !auth.domains.has(query.domain.toLowerCase())) {
      throw classicError(403, 'Not Authorized to access this resource/api', 'forbidden');
    }
    if (
      query.customer !== undefined &&
      !['my_customer', auth.customerId].includes(query.customer)
    ) {
      throw classicError(400, 'Bad Request', 'badRequest');
    }

    const showDeleted = query.showDeleted === 'true';
    const matchesQuery = parseUserQuery(query.query);
    const users = store.list(
      query.domain?.toLowerCase(),
      (user) => user.deleted === showDeleted && matchesQuery(user),
    );

    const maxResults = Math.min(500, Math.max(1, Number(query.maxResults ?? 100) || 100));
    const offset =
      query.pageToken === undefined
        ? 0
        : Number(Buffer.from(query.pageToken, 'base64url').toString());
    const page = users.slice(offset, offset + maxResults);
    const response: Record<string, unknown> = {
      kind: 'admin#directory#users',
      etag: `"${users.length}"`,
    };
    if (page.length > 0) response.users = page.map((user) => serializeUser(user, auth.customerId));
    if (offset + maxResults < users.length) {
      response.nextPageToken = Buffer.from(String(offset + maxResults)).toString('base64url');
    }
    return response;
  });
}
