/** The URLs an identity provider is configured with for one endpoint. */
export interface EndpointUrls {
  baseUrl: string;
  usersUrl: string;
  groupsUrl: string;
  legacyUrl: string;
  tokenUrl: string;
}

/** Builds an endpoint's URLs from the public base URL and its slug. */
export function endpointUrls(publicUrl: string, slug: string): EndpointUrls {
  const baseUrl = `${publicUrl}/scim/v2/${slug}`;
  return {
    baseUrl,
    usersUrl: `${baseUrl}/Users`,
    groupsUrl: `${baseUrl}/Groups`,
    legacyUrl: `${publicUrl}/scim-choreo/${slug}`,
    tokenUrl: `${publicUrl}/oauth2/token`,
  };
}
