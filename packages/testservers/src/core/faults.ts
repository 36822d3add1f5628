import type { FastifyReply, FastifyRequest } from 'fastify';

/** The APIs that the test server hosts, each under its own path prefix. */
export type ApiName = 'github' | 'google' | 'http';

/** Effect of a fault rule on a request it matches. */
export type FaultAction =
  /** Rejects with 429 (or 403 on GitHub) and a `Retry-After` header unless `retryAfterSeconds` is null. */
  | { kind: 'rateLimit'; status?: 403 | 429; retryAfterSeconds?: number | null }
  /** Rejects with this 5xx status and the API's error body, without applying the request. */
  | { kind: 'error'; status: number }
  /** Waits this many milliseconds before the route runs. */
  | { kind: 'delay'; ms: number }
  /** Destroys the connection before the route runs, so nothing is applied. */
  | { kind: 'reset' }
  /** Applies the request, then returns a 500 (`mode: 'error'`) or destroys the connection (`mode: 'reset'`). */
  | { kind: 'applyThenFail'; mode?: 'error' | 'reset' };

/**
 * A fault for the next `times` requests that match `method` and `path`. `path` is matched against
 * the path after the API's prefix (`/orgs/acme/invitations`, not `/github/orgs/...`); `*` matches
 * within one path segment and `**` matches across segments. `api` limits the rule to one API.
 */
export interface FaultRule {
  api?: ApiName;
  method?: string;
  path: string;
  times?: number;
  action: FaultAction;
}

/** A rule as stored, with the count of requests it still applies to. */
export interface ActiveFault extends FaultRule {
  id: number;
  remaining: number;
}

/** Builds the error body and headers that an API sends for an injected fault. */
export type FaultBodyFormatter = (
  status: number,
  kind: 'rateLimit' | 'error',
  path: string,
) => { body: unknown; headers?: Record<string, string> };

/** Converts a path pattern with `*` (one segment) and `**` (any segments) to an anchored RegExp. */
export function pathPatternToRegExp(pattern: string): RegExp {
  const escape = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const source = pattern
    .split('**')
    .map((part) => part.split('*').map(escape).join('[^/]*'))
    .join('.*');
  return new RegExp(`^${source}$`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const actionKinds = ['rateLimit', 'error', 'delay', 'reset', 'applyThenFail'];

/** Throws an error naming the field when an action (possibly sent over HTTP) is malformed. */
function checkAction(action: FaultAction): void {
  if (!actionKinds.includes(action.kind)) {
    throw new Error(
      `Invalid fault action kind ${JSON.stringify(action.kind)}: expected one of ${actionKinds.join(', ')}`,
    );
  }

  if (
    action.kind === 'error' &&
    !(Number.isInteger(action.status) && action.status >= 400 && action.status <= 599)
  ) {
    throw new Error(
      `Invalid fault status ${JSON.stringify(action.status)}: expected an integer from 400 to 599`,
    );
  }

  if (action.kind === 'delay' && !(Number.isFinite(action.ms) && action.ms >= 0)) {
    throw new Error(
      `Invalid fault delay ${JSON.stringify(action.ms)}: expected milliseconds of 0 or more`,
    );
  }

  if (
    action.kind === 'rateLimit' &&
    action.status !== undefined &&
    action.status !== 403 &&
    action.status !== 429
  ) {
    throw new Error(
      `Invalid rate-limit status ${JSON.stringify(action.status)}: expected 403 or 429`,
    );
  }
}

/**
 * Throws an error that names the bad field when a rule, possibly sent over HTTP, has no
 * absolute path, no valid action, or a `times` that is not a positive integer.
 */
export function checkFaultRule(rule: FaultRule): void {
  if (typeof rule !== 'object' || rule === null) {
    throw new Error('Missing fault rule: expected an object with path and action');
  }

  if (typeof rule.path !== 'string' || !rule.path.startsWith('/')) {
    throw new Error(
      `Invalid fault path ${JSON.stringify(rule.path)}: expected a path starting with "/"`,
    );
  }

  if (typeof rule.action !== 'object' || rule.action === null) {
    throw new Error('Missing fault action: expected an object such as {"kind":"rateLimit"}');
  }
  checkAction(rule.action);

  const times = rule.times ?? 1;
  if (!Number.isInteger(times) || times < 1) {
    throw new Error(
      `Invalid fault times ${JSON.stringify(rule.times)}: expected a positive integer`,
    );
  }
}

/** Stores fault rules and applies them to matching requests. */
export class FaultInjector {
  private rules: (ActiveFault & { regexp: RegExp })[] = [];
  private nextId = 1;

  /** Adds a rule and returns it with its id; throws for a malformed rule, as {@link checkFaultRule} does. */
  add(rule: FaultRule): ActiveFault {
    checkFaultRule(rule);
    const times = rule.times ?? 1;

    const active = {
      ...rule,
      id: this.nextId++,
      remaining: times,
      regexp: pathPatternToRegExp(rule.path),
    };
    this.rules.push(active);
    return this.describe(active);
  }

  /** Returns the rules that still apply to at least one request. */
  list(): ActiveFault[] {
    return this.rules.map((rule) => this.describe(rule));
  }

  clear(): void {
    this.rules = [];
  }

  /** Finds the first rule that matches the request and counts the request against it. */
  take(api: ApiName, method: string, path: string): FaultAction | undefined {
    if (this.rules.length === 0) return undefined;

    const index = this.rules.findIndex(
      (rule) =>
        (rule.api === undefined || rule.api === api) &&
        (rule.method === undefined || rule.method.toUpperCase() === method) &&
        rule.regexp.test(path),
    );
    if (index < 0) return undefined;

    const rule = this.rules[index]!;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules.splice(index, 1);
    return rule.action;
  }

  private describe(rule: ActiveFault): ActiveFault {
    const { id, api, method, path, times, action, remaining } = rule;
    return { id, api, method, path, times, action, remaining };
  }
}

/** The fault, if any, that a request carries from `onRequest` to `onSend`. */
export const applyThenFailKey = Symbol('applyThenFail');

type RequestWithFault = FastifyRequest & { [applyThenFailKey]?: 'error' | 'reset' };

/**
 * Applies an injected fault in `onRequest`. Returns true when the reply has been sent or the
 * connection destroyed, so the route must not run.
 */
export async function applyFaultBeforeRoute(
  action: FaultAction,
  request: FastifyRequest,
  reply: FastifyReply,
  formatBody: FaultBodyFormatter,
  path: string,
): Promise<boolean> {
  switch (action.kind) {
    case 'delay':
      await sleep(action.ms);
      return false;

    case 'reset':
      reply.hijack();
      request.raw.socket.destroy();
      return true;

    case 'applyThenFail':
      (request as RequestWithFault)[applyThenFailKey] = action.mode ?? 'error';
      return false;

    case 'rateLimit': {
      const status = action.status ?? 429;
      const { body, headers } = formatBody(status, 'rateLimit', path);
      const retryAfter = action.retryAfterSeconds === undefined ? 1 : action.retryAfterSeconds;
      if (retryAfter !== null) reply.header('retry-after', String(retryAfter));
      reply
        .code(status)
        .headers(headers ?? {})
        .send(body);
      return true;
    }

    case 'error': {
      const { body, headers } = formatBody(action.status, 'error', path);
      reply
        .code(action.status)
        .headers(headers ?? {})
        .send(body);
      return true;
    }
  }
}

/**
 * Replaces a successful reply with a 500 or a destroyed connection after the route applied the
 * change, for requests marked by an `applyThenFail` fault. Used as an `onSend` hook.
 */
export function failAfterApply(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  formatBody: FaultBodyFormatter,
  path: string,
): unknown {
  const mode = (request as RequestWithFault)[applyThenFailKey];
  if (mode === undefined) return payload;

  delete (request as RequestWithFault)[applyThenFailKey];
  if (mode === 'reset') {
    request.raw.socket.destroy();
    return payload;
  }

  const { body, headers } = formatBody(500, 'error', path);
  reply
    .code(500)
    .headers(headers ?? {})
    .type('application/json; charset=utf-8');
  return JSON.stringify(body);
}
