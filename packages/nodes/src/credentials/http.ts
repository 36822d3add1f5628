import { z } from 'zod';
import { ConnectorError, errorFromTransport } from '../http/index.js';
import type { AuthContext, CredentialTestResult } from './types.js';
import { defineCredential } from './types.js';

const testUrl = z
  .url({ protocol: /^https?$/ })
  .optional()
  .meta({
    ui: {
      widget: 'text',
      label: 'Test URL',
      help: 'A URL that the "test connection" button sends an authenticated GET to.',
    },
  });

/** `Authorization: Bearer <token>` for any HTTP API. */
export const httpBearerCredential = defineCredential({
  type: 'http.bearer',
  label: 'Bearer token',
  description:
    'Sends the header Authorization: Bearer <token> with each request of the HTTP request node.',
  schema: z.object({
    token: z
      .string()
      .min(1)
      .meta({ secret: true, ui: { widget: 'text', label: 'Token' } }),
    testUrl,
  }),
  async authenticate(data, request) {
    return withHeader(request, 'authorization', `Bearer ${data.token}`);
  },
  async testCredential(data, context) {
    return testWithGet(data.testUrl, { authorization: `Bearer ${data.token}` }, context, [
      data.token,
    ]);
  },
});

/** HTTP Basic authentication for any HTTP API. */
export const httpBasicCredential = defineCredential({
  type: 'http.basic',
  label: 'Basic authentication',
  description:
    'Sends the header Authorization: Basic <base64 of username:password> with each request.',
  schema: z.object({
    username: z
      .string()
      .min(1)
      .meta({ ui: { widget: 'text', label: 'Username' } }),
    password: z.string().meta({ secret: true, ui: { widget: 'text', label: 'Password' } }),
    testUrl,
  }),
  derivedSecrets(data) {
    // The base64 of `username:password` reveals the password, unless the password is empty.
    if (data.password === '') return [];
    return [basicAuthorization(data.username, data.password).slice('Basic '.length)];
  },
  async authenticate(data, request) {
    return withHeader(request, 'authorization', basicAuthorization(data.username, data.password));
  },
  async testCredential(data, context) {
    const header = basicAuthorization(data.username, data.password);
    return testWithGet(data.testUrl, { authorization: header }, context, [data.password, header]);
  },
});

/** One custom header, such as `X-API-Key`, for any HTTP API. */
export const httpHeaderCredential = defineCredential({
  type: 'http.header',
  label: 'Header',
  description: 'Sends one header, such as X-API-Key: <key>, with each request.',
  schema: z.object({
    name: z
      .string()
      .regex(
        /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/,
        'Use a header name of letters, digits and hyphens, such as X-API-Key.',
      )
      .meta({ ui: { widget: 'text', label: 'Header name', placeholder: 'X-API-Key' } }),
    value: z
      .string()
      .min(1)
      .meta({ secret: true, ui: { widget: 'text', label: 'Header value' } }),
    testUrl,
  }),
  async authenticate(data, request) {
    return withHeader(request, data.name.toLowerCase(), data.value);
  },
  async testCredential(data, context) {
    return testWithGet(data.testUrl, { [data.name.toLowerCase()]: data.value }, context, [
      data.value,
    ]);
  },
});

/** Encodes `username:password` as UTF-8 and then base64, as RFC 7617 recommends. */
export function basicAuthorization(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/** Returns a copy of the request with the header set, replacing any spelling of the same name. */
export function withHeader<Request extends { headers?: Record<string, string> }>(
  request: Request,
  name: string,
  value: string,
): Request {
  const headers = Object.fromEntries(
    Object.entries(request.headers ?? {}).filter(([key]) => key.toLowerCase() !== name),
  );
  return { ...request, headers: { ...headers, [name]: value } };
}

async function testWithGet(
  url: string | undefined,
  headers: Record<string, string>,
  context: AuthContext,
  secrets: string[],
): Promise<CredentialTestResult> {
  if (!url) return { ok: false, message: 'Set a test URL in the credential to test it.' };

  try {
    const response = await context.http.request({ method: 'GET', url, headers });
    if (response.status >= 200 && response.status < 300)
      return { ok: true, message: `GET ${url} returned ${response.status}.` };
    return {
      ok: false,
      message: `GET ${url} returned ${response.status}; check the credential's values.`,
    };
  } catch (error) {
    const failure =
      error instanceof ConnectorError
        ? error
        : errorFromTransport(
            'HTTP',
            `GET ${url}`,
            error,
            secrets,
            "Check the credential's test URL and that the service at it is running.",
          );
    return { ok: false, message: failure.message };
  }
}
