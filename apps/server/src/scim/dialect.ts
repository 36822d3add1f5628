import type { ClientDialect } from '@scimflow/flow';

/**
 * Guesses the identity provider from the User-Agent and the query string. Entra ID sends
 * `Microsoft.AAD.Provisioning`, or the `aadOptscim062020` flag in the URL; WSO2's SCIM2
 * connector sends `wso2/scim2/client`; Okta sends `Okta SCIM Client <version>`.
 */
export function detectDialect(userAgent: string | undefined, url: string): ClientDialect {
  const agent = (userAgent ?? '').toLowerCase();
  if (agent.includes('wso2/scim2/client')) return 'asgardeo-scim2';
  if (agent.includes('okta')) return 'okta';
  if (agent.includes('microsoft.aad') || url.toLowerCase().includes('aadoptscim062020'))
    return 'entra';
  if (agent.includes('onelogin')) return 'onelogin';
  if (agent.includes('jumpcloud')) return 'jumpcloud';
  return 'generic';
}
