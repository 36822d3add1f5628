import { expect } from 'vitest';
import { signIn } from './admin-client.js';
import { createEndpoint, type TestEndpoint } from './endpoint.js';
import { scim, type ScimResponse } from './scim-client.js';
import { ADMIN_PASSWORD, type TestServer } from './test-server.js';

export const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const ENTERPRISE_URN = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const CORE_USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const CORE_GROUP_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** A SCIM client bound to one endpoint's bearer token, as the variant tests use it. */
export interface VariantClient {
  endpoint: TestEndpoint;
  get(url: string, headers?: Record<string, string>): Promise<ScimResponse>;
  send(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ScimResponse>;
  /** Creates a user from the given body and returns its id; fails the test on any status but 201. */
  createUser(body: Record<string, unknown>): Promise<string>;
  /** Creates a group from the given body and returns its id; fails the test on any status but 201. */
  createGroup(body: Record<string, unknown>): Promise<string>;
  patch(url: string, ...operations: Record<string, unknown>[]): Promise<ScimResponse>;
  /** Runs a `/Users` filter and returns the userNames found, in list order. */
  userNamesMatching(filter: string): Promise<string[]>;
}

let endpointCount = 0;

/** Creates a new endpoint on `server` and a client for it, so each test starts empty. */
export async function variantClient(server: TestServer, prefix: string): Promise<VariantClient> {
  endpointCount += 1;
  const admin = await signIn(server.baseUrl, ADMIN_PASSWORD);
  const endpoint = await createEndpoint(admin, `${prefix}-${endpointCount}`);
  const token = endpoint.secrets.bearerToken;

  const send = (method: string, url: string, body?: unknown, headers?: Record<string, string>) =>
    scim(url, { method, token, body, ...(headers ? { headers } : {}) });

  const create = async (url: string, body: Record<string, unknown>) => {
    const response = await send('POST', url, body);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return String(response.body.id);
  };

  return {
    endpoint,
    get: (url, headers) => send('GET', url, undefined, headers),
    send,
    createUser: (body) => create(endpoint.usersUrl, body),
    createGroup: (body) => create(endpoint.groupsUrl, body),
    patch: (url, ...operations) =>
      send('PATCH', url, { schemas: [PATCH_URN], Operations: operations }),
    async userNamesMatching(filter) {
      const response = await send(
        'GET',
        `${endpoint.usersUrl}?filter=${encodeURIComponent(filter)}`,
      );
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return (response.body.Resources ?? []).map((user: { userName: string }) => user.userName);
    },
  };
}

/** Checks an RFC 7644 §3.12 error body: the Error URN, `status` as a string and the `scimType`. */
export function expectScimError(response: ScimResponse, status: number, scimType?: string): void {
  expect(response.status, response.text).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/application\/scim\+json/);
  expect(response.body.schemas).toEqual([ERROR_URN]);
  expect(response.body.status).toBe(String(status));
  expect(typeof response.body.detail).toBe('string');
  if (scimType === undefined) expect(response.body.scimType).toBeUndefined();
  else expect(response.body.scimType).toBe(scimType);
}
