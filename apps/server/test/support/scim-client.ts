import type { JsonBody } from './admin-client.js';

/** A SCIM response as the tests read it. */
export interface ScimResponse {
  status: number;
  headers: Headers;
  body: JsonBody;
  text: string;
}

/** Sends one SCIM request with a bearer token (or the given Authorization value) over real HTTP. */
export async function scim(
  url: string,
  options: {
    method?: string;
    authorization?: string;
    token?: string;
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
): Promise<ScimResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.authorization !== undefined) headers.authorization = options.authorization;
  if (options.body !== undefined) headers['content-type'] ??= 'application/scim+json';

  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers,
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: JsonBody;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** Builds a SCIM 2.0 user body with the given userName. */
export function userBody(
  userName: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName,
    name: { givenName: 'Ines', familyName: 'Ward' },
    emails: [{ value: userName, type: 'work', primary: true }],
    ...extra,
  };
}
