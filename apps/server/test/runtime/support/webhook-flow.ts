import type { ProvisioningEventType } from '@scimflow/flow';
import type { RuntimeServer } from './runtime-server.js';
import { chainFlow, type ChainStep } from './flow-documents.js';
import { scim, userBody } from '../../support/scim-client.js';

/** Returns an HTTP request step that posts the event's type, userName and title to `url`. */
export function postStep(id: string, url: string, extra: Record<string, unknown> = {}): ChainStep {
  return {
    id,
    type: 'http.request',
    config: {
      method: 'POST',
      url,
      body: { type: '{{ type }}', userName: '{{ user.userName }}', title: '{{ user.title }}' },
      ...extra,
    },
  };
}

/** Builds a flow on `eventTypes` of `endpoint` whose steps are the given chain. */
export function webhookFlow(
  name: string,
  endpoint: string,
  eventTypes: ProvisioningEventType[],
  steps: ChainStep[],
) {
  return chainFlow(name, { endpoint, eventTypes }, steps);
}

/** Creates a user at the running server's endpoint; returns its SCIM id. */
export async function createUser(
  running: RuntimeServer,
  userName: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const response = await scim(running.endpoint.usersUrl, {
    method: 'POST',
    token: running.endpoint.secrets.bearerToken,
    body: userBody(userName, extra),
  });
  if (response.status !== 201) {
    throw new Error(`creating ${userName} failed with ${response.status}: ${response.text}`);
  }
  return response.body.id as string;
}

/** Replaces one attribute of a user with a SCIM PATCH. */
export async function patchUser(
  running: RuntimeServer,
  id: string,
  path: string,
  value: unknown,
): Promise<void> {
  const response = await scim(`${running.endpoint.usersUrl}/${id}`, {
    method: 'PATCH',
    token: running.endpoint.secrets.bearerToken,
    body: {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path, value }],
    },
  });
  if (response.status !== 200) {
    throw new Error(`patching ${id} failed with ${response.status}: ${response.text}`);
  }
}
