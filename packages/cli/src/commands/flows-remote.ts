import { readFile } from 'node:fs/promises';

import type { AdminClient } from '../admin-client.js';

interface FlowSummary {
  id: string;
  name: string;
  enabled: boolean;
  publishedVersion: number | null;
}

interface Flow {
  id: string;
  enabled: boolean;
  draft: { name: string };
  publishedVersion: number | null;
}

/** Prints one line per flow: id, name, published version and whether it is enabled. */
export async function listFlows(client: AdminClient, out: (line: string) => void): Promise<void> {
  const flows = await client.request<FlowSummary[]>('GET', '/flows');
  for (const flow of flows) {
    const version = flow.publishedVersion ? `v${flow.publishedVersion}` : 'unpublished';
    out(`${flow.id}\t${flow.name}\t${version}\t${flow.enabled ? 'enabled' : 'disabled'}`);
  }
}

/** Returns a flow's export: the draft document with credentials by name and no secrets. */
export async function exportFlow(client: AdminClient, id: string): Promise<unknown> {
  return client.request('GET', `/flows/${encodeURIComponent(id)}/export`);
}

/** Options of `flows import`. */
export interface ImportOptions {
  name?: string;
  publish: boolean;
  note?: string;
}

/**
 * Imports a flow file. With `publish`, it also publishes the imported draft as a version and
 * enables the flow, so it runs on the next provisioning event.
 */
export async function importFlow(
  client: AdminClient,
  file: string,
  options: ImportOptions,
): Promise<{ flow: Flow; version?: number }> {
  const document: unknown = JSON.parse(await readFile(file, 'utf8'));
  const flow = await client.request<Flow>('POST', '/flows/import', {
    document,
    ...(options.name ? { name: options.name } : {}),
  });
  if (!options.publish) return { flow };

  const published = await client.request<{ version: number }>(
    'POST',
    `/flows/${encodeURIComponent(flow.id)}/publish`,
    { note: options.note ?? `Imported from ${file}` },
  );
  const enabled = flow.enabled
    ? flow
    : await client.request<Flow>('PATCH', `/flows/${encodeURIComponent(flow.id)}`, {
        enabled: true,
      });
  return { flow: enabled, version: published.version };
}
