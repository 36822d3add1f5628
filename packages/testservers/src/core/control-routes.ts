import type { FastifyInstance } from 'fastify';

import { checkFaultRule, type ApiName, type FaultInjector, type FaultRule } from './faults.js';
import type { RequestLog } from './request-log.js';

/** Parts of the test servers that the control routes use. */
export interface ControlTarget {
  faults: FaultInjector;
  requests: RequestLog;
  state(): unknown;
  reset(): Promise<void>;
}

function controlError(message: string) {
  return { error: 'invalid_request', message };
}

/**
 * Registers `/__control`: `GET state`, `POST reset`, `GET|POST|DELETE faults` and
 * `GET requests` (filtered by `api`, `method` and `path` query parameters).
 */
export function registerControlRoutes(app: FastifyInstance, target: ControlTarget): void {
  app.get('/__control/state', async () => target.state());

  app.post('/__control/reset', async (request) => {
    await target.reset();
    request.log.info('test server state reset');
    return { reset: true };
  });

  app.get('/__control/faults', async () => ({ faults: target.faults.list() }));

  app.post('/__control/faults', async (request, reply) => {
    const body = request.body as FaultRule | { rules?: unknown } | undefined;
    const batch = typeof body === 'object' && body !== null && 'rules' in body;
    const rules = (batch ? body.rules : [body]) as FaultRule[];
    if (!Array.isArray(rules)) {
      return reply.code(400).send(controlError('Invalid rules: expected an array of fault rules'));
    }

    try {
      // Check every rule first, so a bad rule in a batch adds none of them.
      rules.forEach(checkFaultRule);
      const added = rules.map((rule) => target.faults.add(rule));
      return reply.code(201).send({ faults: added });
    } catch (error) {
      return reply.code(400).send(controlError((error as Error).message));
    }
  });

  app.delete('/__control/faults', async (_request, reply) => {
    target.faults.clear();
    return reply.code(204).send();
  });

  app.get('/__control/requests', async (request) => {
    const query = request.query as { api?: ApiName; method?: string; path?: string };
    return { requests: target.requests.find(query) };
  });
}
