import type { FastifyInstance, FastifyRequest } from 'fastify';

import {
  applyFaultBeforeRoute,
  failAfterApply,
  type ApiName,
  type FaultBodyFormatter,
  type FaultInjector,
} from './faults.js';
import type { RecordedRequest, RequestLog } from './request-log.js';

/** Context that every API plugin shares: the fault rules, the request log and its own error shape. */
export interface ApiScope {
  api: ApiName;
  prefix: string;
  faults: FaultInjector;
  requests: RequestLog;
  formatFaultBody: FaultBodyFormatter;
}

const recordKey = Symbol('recordedRequest');

type RequestWithRecord = FastifyRequest & { [recordKey]?: RecordedRequest };

/** Returns the request's path after the API prefix, without the query string. */
export function apiPath(request: FastifyRequest, prefix: string): string {
  const url = request.url;
  const queryStart = url.indexOf('?');
  const path = queryStart < 0 ? url : url.slice(0, queryStart);
  return path.startsWith(prefix) ? path.slice(prefix.length) || '/' : path;
}

/**
 * Adds the hooks that record each request of one API and apply its injected faults. Call it
 * inside the API's plugin so the hooks stay scoped to that prefix.
 */
export function installApiHooks(app: FastifyInstance, scope: ApiScope): void {
  app.addHook('onRequest', async (request, reply) => {
    const path = apiPath(request, scope.prefix);
    const query = request.query as Record<string, string>;
    (request as RequestWithRecord)[recordKey] = scope.requests.record({
      api: scope.api,
      method: request.method,
      path,
      query: { ...query },
      headers: { ...request.headers },
      body: undefined,
      receivedAt: Date.now(),
    });

    const action = scope.faults.take(scope.api, request.method, path);
    if (action === undefined) return;

    request.log.info({ api: scope.api, path, fault: action.kind }, 'injected fault');
    const replied = await applyFaultBeforeRoute(
      action,
      request,
      reply,
      scope.formatFaultBody,
      path,
    );
    if (replied) return reply;
  });

  app.addHook('preHandler', async (request) => {
    const record = (request as RequestWithRecord)[recordKey];
    if (record !== undefined) record.body = request.body;
  });

  app.addHook('onSend', async (request, reply, payload) =>
    failAfterApply(request, reply, payload, scope.formatFaultBody, apiPath(request, scope.prefix)),
  );

  app.addHook('onResponse', async (request, reply) => {
    const record = (request as RequestWithRecord)[recordKey];
    if (record !== undefined) record.status = reply.statusCode;
  });
}
