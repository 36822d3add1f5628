import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { installApiHooks, apiPath, type ApiScope } from '../core/api-scope.js';
import { pathPatternToRegExp, type FaultBodyFormatter } from '../core/faults.js';

/** One scripted response of the generic HTTP target. */
export interface HttpTargetResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Milliseconds to wait before sending the response. */
  delayMs?: number;
}

/**
 * A route of the HTTP target. `responses` are sent in order, one per request; the last one
 * repeats. `path` may contain `*` and `**` as in fault rules; `method` defaults to any.
 */
export interface HttpTargetRoute {
  method?: string;
  path: string;
  responses: HttpTargetResponse[];
}

interface ActiveRoute extends HttpTargetRoute {
  regexp: RegExp;
  sent: number;
}

/** Routes of the HTTP target; requests that match none get 200 `{"ok":true}`. */
export class HttpTargetState {
  private routes: ActiveRoute[] = [];

  /** Adds a route; a later route for the same requests takes precedence. */
  setRoute(route: HttpTargetRoute): void {
    if (route.responses.length === 0) {
      throw new Error(`Route ${route.path} has no responses: give at least one {status}`);
    }
    this.routes.unshift({ ...route, regexp: pathPatternToRegExp(route.path), sent: 0 });
  }

  /** Returns the next response for a request, advancing the matching route's script. */
  next(method: string, path: string): HttpTargetResponse {
    const route = this.routes.find(
      (value) =>
        (value.method === undefined || value.method.toUpperCase() === method) &&
        value.regexp.test(path),
    );
    if (route === undefined) return { status: 200, body: { ok: true } };

    const index = Math.min(route.sent, route.responses.length - 1);
    route.sent += 1;
    return route.responses[index]!;
  }

  reset(): void {
    this.routes = [];
  }
}

const httpFaultBody: FaultBodyFormatter = (status, kind) => ({
  body: { error: kind === 'rateLimit' ? 'Too Many Requests' : 'Server Error', status },
});

function parseBody(contentType: string | undefined, text: string): unknown {
  if (text === '') return undefined;

  if (contentType?.includes('json') === true) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }

  if (contentType?.includes('application/x-www-form-urlencoded') === true) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  return text;
}

/**
 * Registers the generic HTTP target: it records every request and sends the scripted response
 * of the first matching route. `GET /echo` and any method on `/echo` return the request itself.
 */
export async function httpTargetPlugin(
  app: FastifyInstance,
  options: { state: HttpTargetState; scope: Omit<ApiScope, 'api' | 'formatFaultBody'> },
): Promise<void> {
  const { state, scope } = options;
  installApiHooks(app, { ...scope, api: 'http', formatFaultBody: httpFaultBody });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    done(null, parseBody(request.headers['content-type'], String(body)));
  });

  app.all('/echo', async (request) => ({
    method: request.method,
    path: apiPath(request, scope.prefix),
    query: request.query,
    headers: request.headers,
    body: request.body,
  }));

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const response = state.next(request.method, apiPath(request, scope.prefix));
    if (response.delayMs !== undefined) {
      await new Promise((resolve) => setTimeout(resolve, response.delayMs));
    }

    reply.code(response.status).headers(response.headers ?? {});
    return response.body === undefined ? reply.send() : reply.send(response.body);
  };
  app.all('/', handler);
  app.all('/*', handler);
}
