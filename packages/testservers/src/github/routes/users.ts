import type { FastifyInstance } from 'fastify';

import { callerOf } from '../auth.js';
import { publicUser } from '../serialize.js';
import type { GithubState } from '../state.js';

/** `GET /users/{username}` and `GET /rate_limit`. */
export function registerUserRoutes(app: FastifyInstance, state: GithubState): void {
  app.get<{ Params: { username: string } }>('/users/:username', async (request) => {
    const user = state.requireUser(request.params.username);
    return publicUser(state, user);
  });

  app.get('/rate_limit', async (request) => {
    const window = state.rateLimits.get(callerOf(request).rateKey);
    const limit = window?.limit ?? state.settings.rateLimit;
    const used = window?.used ?? 0;
    const core = {
      limit,
      used,
      remaining: Math.max(0, limit - used),
      reset: window?.resetAt ?? Math.floor(Date.now() / 1000) + 3600,
    };
    return { resources: { core }, rate: core };
  });
}
