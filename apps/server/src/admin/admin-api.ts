import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ADMIN_USERNAME } from '../bootstrap.js';
import { safeEqual, verifyPassword } from '../security/hash.js';
import { adminAreas } from '../api-areas.js';
import { documented } from '../openapi/route-doc.js';
import { AdminError, useAdminErrors } from './admin-errors.js';
import { LoginLimiter } from './login-limiter.js';
import { SessionStore, type AdminSession } from './session-store.js';

export const SESSION_COOKIE = 'scimflow_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in admin; set on every request inside the admin API's authenticated scope. */
    adminSession?: AdminSession;
  }
}

const LoginBody = z.object({ username: z.string().min(1), password: z.string().min(1) });

/** The signed-in admin and the token to send in the CSRF header. */
const SessionSchema = z.object({ user: z.object({ username: z.string() }), csrfToken: z.string() });

const TAG = 'Session';

/**
 * Registers the admin API under `/api`: the session routes, then every area of `adminAreas`
 * behind the session cookie and, for methods other than GET and HEAD, the CSRF header.
 */
export async function adminApi(app: FastifyInstance): Promise<void> {
  const { config, db } = app.scimflow;
  const sessions = new SessionStore(db, config.sessionIdleMs);
  const limiter = new LoginLimiter(config.loginMaxFailures, config.loginWindowMs);
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: config.publicUrl?.startsWith('https://') ?? false,
    maxAge: Math.floor(config.sessionIdleMs / 1000),
  };

  useAdminErrors(app);

  app.post(
    '/session',
    documented({
      tag: TAG,
      summary: 'Sign in; sets the session cookie and returns the CSRF token',
      body: LoginBody,
      response: SessionSchema,
    }),
    async (request, reply) => {
      const retryAfter = limiter.retryAfterSeconds(request.ip);
      if (retryAfter > 0) {
        reply.header('retry-after', String(retryAfter));
        throw new AdminError(
          429,
          'too_many_attempts',
          `Too many failed sign-ins from this address; try again in ${retryAfter} s`,
        );
      }

      const body = LoginBody.parse(request.body);
      const user = await db
        .selectFrom('admin_users')
        .selectAll()
        .where('username', '=', body.username)
        .executeTakeFirst();
      // The hash check runs for unknown user names too, so response time does not reveal them.
      const ok =
        (await verifyPassword(body.password, user?.password_hash ?? DUMMY_HASH)) &&
        user !== undefined;
      if (!ok) {
        limiter.recordFailure(request.ip);
        request.log.info({ username: body.username, ip: request.ip }, 'admin sign-in failed');
        throw new AdminError(401, 'invalid_credentials', 'Wrong user name or password');
      }

      limiter.reset(request.ip);
      await sessions.deleteExpired();
      const { sessionId, csrfToken } = await sessions.create(user.id);
      reply.setCookie(SESSION_COOKIE, sessionId, cookieOptions);
      request.log.info({ username: user.username }, 'admin signed in');
      return { user: { username: user.username }, csrfToken };
    },
  );

  app.get(
    '/session',
    documented({
      tag: TAG,
      summary: 'Read the signed-in admin and the CSRF token',
      response: SessionSchema,
    }),
    async (request) => {
      const session = await requireSession(request, sessions);
      return { user: { username: session.username }, csrfToken: session.csrfToken };
    },
  );

  app.delete(
    '/session',
    documented({ tag: TAG, summary: 'Sign out', status: 204 }),
    async (request, reply) => {
      const session = await requireSession(request, sessions);
      checkCsrf(request, session);
      const sessionId = request.cookies[SESSION_COOKIE];
      if (sessionId) await sessions.delete(sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  await app.register(async (scope) => {
    scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const session = await requireSession(request, sessions);
      if (request.method !== 'GET' && request.method !== 'HEAD') checkCsrf(request, session);
      request.adminSession = session;

      // The cookie's lifetime restarts with the session's idle timer, so an active admin stays signed in.
      reply.setCookie(SESSION_COOKIE, request.cookies[SESSION_COOKIE] ?? '', cookieOptions);
    });
    for (const area of adminAreas) await scope.register(area);
  });
}

// A valid scrypt hash of a random value, checked when the user name is unknown.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$' + 'A'.repeat(43);

async function requireSession(
  request: FastifyRequest,
  sessions: SessionStore,
): Promise<AdminSession> {
  const sessionId = request.cookies[SESSION_COOKIE];
  const session = sessionId ? await sessions.touch(sessionId) : undefined;
  if (!session) {
    throw new AdminError(
      401,
      'not_signed_in',
      `Sign in first: POST /api/session with {"username": "${ADMIN_USERNAME}", "password"}`,
    );
  }
  return session;
}

function checkCsrf(request: FastifyRequest, session: AdminSession): void {
  const header = request.headers[CSRF_HEADER];
  if (typeof header !== 'string' || !safeEqual(header, session.csrfToken)) {
    throw new AdminError(
      403,
      'csrf_token_invalid',
      `Missing or wrong ${CSRF_HEADER} header; send the csrfToken returned by POST /api/session`,
    );
  }
}
