import { z } from 'zod';
import { defineNode } from '../../define.js';
import { authenticate, secretValuesOf } from '../../credentials/index.js';
import {
  ConnectorError,
  errorFromResponse,
  errorFromTransport,
  redactDeep,
  sendRequest,
  type ClientRequest,
} from '../../http/index.js';
import { dryRunOutput, ui } from '../shared/fields.js';
import { parseExpectedStatus } from './expected-status.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

// The URL comes from the node's config: HTTP credentials carry only the authentication.
const CHECK_NODE_URL =
  "Check the node's URL and that the service at it is running; the step can be retried.";
const HTTP_CREDENTIAL_TYPES = ['http.bearer', 'http.basic', 'http.header'] as const;

const config = z.object({
  method: ui(z.enum(METHODS).default('POST'), {
    widget: 'select',
    label: 'Method',
    options: METHODS.map((method) => ({ value: method, label: method })),
  }),
  url: ui(z.string().min(1), {
    widget: 'template',
    label: 'URL',
    placeholder: 'https://hooks.example.com/new-hire',
  }),
  headers: ui(z.record(z.string(), z.string()).default({}), {
    widget: 'keyValue',
    label: 'Headers',
    advanced: true,
  }),
  query: ui(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}), {
    widget: 'keyValue',
    label: 'Query parameters',
  }),
  body: ui(z.unknown().optional(), {
    widget: 'json',
    label: 'JSON body',
    help: 'Sent as application/json; not sent with GET.',
  }),
  timeoutMs: ui(z.number().int().min(1).max(300_000).default(10_000), {
    widget: 'number',
    label: 'Timeout (ms)',
    help: 'Per attempt, until the whole response has arrived.',
    advanced: true,
  }),
  idempotencyKeyHeader: ui(z.string().default('Idempotency-Key'), {
    widget: 'text',
    label: 'Idempotency key header',
    help: "Sends the step's idempotency key in this header with POST and PATCH, for APIs that drop repeated requests by it. Empty sends none.",
    advanced: true,
  }),
  expectedStatus: ui(
    z
      .string()
      .default('2xx')
      .refine((text) => parseExpectedStatus(text) !== undefined, {
        message: 'Use status codes and classes separated by commas, such as 2xx,404.',
      }),
    {
      widget: 'text',
      label: 'Expected status',
      help: 'Any other status fails the step, such as 2xx or 200,201,404.',
      advanced: true,
    },
  ),
});

/** Sends one HTTP request and returns its status, headers and body. */
export const httpRequest = defineNode({
  type: 'http.request',
  label: 'HTTP request',
  category: 'http',
  icon: 'globe',
  description:
    'Calls any HTTP API with JSON. GET, PUT and DELETE are retried on 429, 408, 5xx, timeouts and network errors. POST and PATCH are retried on 429 and when the connection was refused or the host was not found, because then nothing was sent. After any other failure a POST or PATCH may have taken effect, so it is not repeated.',
  config,
  credentialTypes: HTTP_CREDENTIAL_TYPES,
  outputs: ['out'],
  summarize: (c) => `${c.method} ${c.url}`,

  async run(context) {
    const { method, url, query, body, timeoutMs, expectedStatus, idempotencyKeyHeader } =
      context.config;
    const credential = context.credential;
    const secrets = secretValuesOf(credential);
    const operation = `${method} ${url}`;

    if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) {
      throw configError(
        operation,
        `"${url}" is not an http or https URL`,
        'Set URL to an absolute URL such as https://api.example.com/users.',
        secrets,
      );
    }
    if (credential && !(HTTP_CREDENTIAL_TYPES as readonly string[]).includes(credential.type)) {
      throw configError(
        operation,
        `credential "${credential.name}" has type ${credential.type}`,
        'Select a Bearer token, Basic authentication or Header credential.',
        secrets,
      );
    }

    // The key is stable across retries of this step, so an API that honors it applies a
    // repeated POST once.
    const headers =
      idempotencyKeyHeader && (method === 'POST' || method === 'PATCH')
        ? { [idempotencyKeyHeader]: context.idempotencyKey, ...context.config.headers }
        : context.config.headers;
    let request: ClientRequest = { method, url, headers, query, timeoutMs, signal: context.signal };
    if (body !== undefined && body !== null && body !== '' && method !== 'GET') request.body = body;
    if (context.dryRun && method !== 'GET') {
      // A dry run's client records the write without sending it, after the checks that a live
      // request passes first, such as the host allowlist.
      await sendRequest(context.http, request).catch((error: unknown) => {
        throw errorFromTransport('HTTP', operation, error, secrets, CHECK_NODE_URL);
      });
      return { outcome: 'skipped', output: dryRunOutput(method, url, request.body) };
    }
    if (credential) request = await authenticate(credential, request, { http: context.http });

    const response = await sendRequest(context.http, request).catch((error: unknown) => {
      throw errorFromTransport('HTTP', operation, error, secrets, CHECK_NODE_URL);
    });

    if (!parseExpectedStatus(expectedStatus)?.(response.status)) {
      throw errorFromResponse('HTTP', operation, response, {
        secrets,
        fix: `The step expects status ${expectedStatus}; check the URL and the request, or widen Expected status.`,
      });
    }

    return {
      output: redactDeep(
        { status: response.status, headers: response.headers, body: response.body },
        secrets,
      ),
    };
  },
});

function configError(
  operation: string,
  problem: string,
  fix: string,
  secrets: string[],
): ConnectorError {
  return new ConnectorError({
    code: 'config',
    api: 'HTTP',
    operation,
    apiMessage: problem,
    fix,
    retryable: false,
    secrets,
  });
}
