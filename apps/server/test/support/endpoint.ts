import type { AdminClient } from './admin-client.js';

/** A SCIM endpoint created for a test, with its plaintext credentials. */
export interface TestEndpoint {
  slug: string;
  baseUrl: string;
  usersUrl: string;
  groupsUrl: string;
  legacyUrl: string;
  tokenUrl: string;
  secrets: {
    bearerToken: string;
    basic: { username: string; password: string };
    apiKey: string;
    oauth2: { clientId: string; clientSecret: string };
  };
}

/** Creates an endpoint through the admin API. */
export async function createEndpoint(admin: AdminClient, slug: string): Promise<TestEndpoint> {
  const response = await admin.request('POST', '/api/endpoints', { slug, name: `Test ${slug}` });
  if (response.status !== 201)
    throw new Error(
      `creating endpoint ${slug} failed with ${response.status}: ${JSON.stringify(response.body)}`,
    );
  return { slug, ...response.body.endpoint, secrets: response.body.secrets };
}
