import { AdminApiError, type AdminClient } from '../admin-client.js';
import { runCase } from '@scimflow/testservers/replay';
import { readCases, type ReplayOutcome } from './replay.js';

interface CreatedEndpoint {
  endpoint: { slug: string; baseUrl: string; legacyUrl: string };
  secrets: {
    bearerToken?: string;
    basic?: { username: string; password: string };
    apiKey?: string;
  };
}

/**
 * Replays each recorded case into an endpoint of its own, created through the admin API and
 * named after the case. Recorded cases assume an empty endpoint, and several of them provision
 * the same people, so sharing one endpoint would turn their creates into conflicts.
 */
export async function replayIntoNewEndpoints(
  client: AdminClient,
  source: string,
): Promise<(ReplayOutcome & { endpoint: string })[]> {
  const outcomes: (ReplayOutcome & { endpoint: string })[] = [];
  for (const replayCase of await readCases(source)) {
    const { endpoint, secrets } = await createEndpoint(client, replayCase.name);
    const result = await runCase(replayCase, {
      scimBase: endpoint.baseUrl,
      legacyBase: endpoint.legacyUrl,
      credentials: {
        bearerToken: secrets.bearerToken ?? '',
        basic: secrets.basic ?? { username: '', password: '' },
        apiKey: secrets.apiKey ?? '',
      },
    });
    outcomes.push({ ...result, endpoint: endpoint.slug });
  }
  return outcomes;
}

/** Creates an endpoint named after the case, numbering the slug when an earlier replay took it. */
async function createEndpoint(client: AdminClient, caseName: string): Promise<CreatedEndpoint> {
  const base = caseName
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 58);
  for (let attempt = 1; ; attempt++) {
    const slug = attempt === 1 ? base : `${base}-${attempt}`;
    try {
      return await client.request<CreatedEndpoint>('POST', '/endpoints', {
        slug,
        name: `Replay of ${caseName}`,
      });
    } catch (error) {
      const slugInUse = error instanceof AdminApiError && error.status === 409;
      if (!slugInUse || attempt >= 100) throw error;
    }
  }
}
