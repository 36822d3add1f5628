import type { AuthMode, ReplayCase, ReplayStep } from './case-file.js';
import { matchBody, matchHeaders, matchStatus, readPath, substitute } from './match.js';

/** The credentials of the endpoint a case runs against. */
export interface ReplayCredentials {
  bearerToken: string;
  basic: { username: string; password: string };
  apiKey: string;
}

/** Where a case runs: the SCIM 2.0 base URL and the legacy base URL of one endpoint. */
export interface ReplayTarget {
  scimBase: string;
  legacyBase: string;
  credentials: ReplayCredentials;
}

/** The outcome of one case: passed, or the first step that did not match and why. */
export interface CaseResult {
  name: string;
  passed: boolean;
  failedStep?: number;
  request?: string;
  reason?: string;
}

function authHeader(mode: AuthMode, credentials: ReplayCredentials): Record<string, string> {
  switch (mode) {
    case 'bearer':
      return { authorization: `Bearer ${credentials.bearerToken}` };
    case 'basic':
      return {
        authorization: `Basic ${Buffer.from(`${credentials.basic.username}:${credentials.basic.password}`).toString('base64')}`,
      };
    case 'raw-key':
      return { authorization: credentials.apiKey };
    case 'api-key-header':
      return { 'x-api-key': credentials.apiKey };
    case 'none':
      return {};
  }
}

/** Builds the fetch request of a step, after variables were substituted. */
export function buildRequest(
  replayCase: ReplayCase,
  step: ReplayStep,
  target: ReplayTarget,
): { url: string; init: RequestInit } {
  const base =
    (step.base ?? replayCase.base ?? 'scim') === 'legacy' ? target.legacyBase : target.scimBase;
  const url =
    base.replace(/\/+$/, '') +
    step.request.path +
    (step.request.query !== undefined ? `?${step.request.query}` : '');

  const headers: Record<string, string | null> = {
    ...authHeader(step.auth ?? replayCase.auth ?? 'bearer', target.credentials),
  };
  const hasBody = step.request.body !== undefined;
  if (hasBody) headers['content-type'] = 'application/scim+json';
  for (const [name, value] of Object.entries(step.request.headers ?? {})) {
    for (const existing of Object.keys(headers)) {
      if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
    }
    headers[name] = value;
  }

  const sent = Object.fromEntries(
    Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== null),
  );
  const text =
    typeof step.request.body === 'string' ? step.request.body : JSON.stringify(step.request.body);
  // A Buffer body makes fetch add no Content-Type of its own, so a case can send none.
  return {
    url,
    init: {
      method: step.request.method,
      headers: sent,
      ...(hasBody ? { body: Buffer.from(text, 'utf8') } : {}),
    },
  };
}

/** Runs a case step by step against a target, stopping at the first step that does not match. */
export async function runCase(replayCase: ReplayCase, target: ReplayTarget): Promise<CaseResult> {
  const variables: Record<string, string> = {};

  for (const [index, rawStep] of replayCase.steps.entries()) {
    let step: ReplayStep;
    try {
      step = substitute(rawStep, variables);
    } catch (error) {
      return {
        name: replayCase.name,
        passed: false,
        failedStep: index + 1,
        reason: (error as Error).message,
      };
    }

    const { url, init } = buildRequest(replayCase, step, target);
    const label = `${step.request.method} ${url}`;
    const response = await fetch(url, init);
    const text = await response.text();

    let body: unknown;
    let isJson = false;
    try {
      body = text === '' ? undefined : JSON.parse(text);
      isJson = text !== '';
    } catch {
      body = text;
    }

    const fail = (reason: string): CaseResult => ({
      name: replayCase.name,
      passed: false,
      failedStep: index + 1,
      request: label,
      reason: `${reason}; response ${response.status}: ${text.slice(0, 400)}`,
    });

    const statusReason = matchStatus(step.expect.status, response.status);
    if (statusReason) return fail(statusReason);
    const headerReason = matchHeaders(step.expect.headers, response.headers);
    if (headerReason) return fail(headerReason);
    if (step.expect.body !== undefined) {
      if (!isJson) return fail('the body is not JSON');
      const bodyReason = matchBody(step.expect.body, body);
      if (bodyReason) return fail(bodyReason);
    }

    for (const [name, dotPath] of Object.entries(step.save ?? {})) {
      const value = readPath(body, dotPath);
      if (value === undefined) return fail(`save ${name}: ${dotPath} is missing in the body`);
      variables[name] = String(value);
    }
  }

  return { name: replayCase.name, passed: true };
}
