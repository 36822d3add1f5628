import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

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
  if (flows.length === 0) {
    out('No flows on this server yet. Import one with: scimflow flows import <file> --publish');
    return;
  }
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

/** A publish that failed after the import succeeded: the flow stays as a draft. */
export class PublishAfterImportError extends Error {
  constructor(
    readonly flow: Flow,
    override readonly cause: unknown,
  ) {
    super(`Imported "${flow.draft.name}" as draft ${flow.id}, but publishing it failed.`);
  }
}

/**
 * Imports a flow file. With `publish`, it also publishes the imported draft as a version and
 * enables the flow, so it runs on the next provisioning event. When only the publish fails, it
 * throws PublishAfterImportError naming the draft, which `flows publish` can publish later.
 */
export async function importFlow(
  client: AdminClient,
  file: string,
  options: ImportOptions,
): Promise<{ flow: Flow; version?: number }> {
  return importDocument(client, await readFlowFile(file), file, options);
}

/** Imports a flow document that `readFlowFile` read from `file`, as `importFlow` does. */
export async function importDocument(
  client: AdminClient,
  document: unknown,
  file: string,
  options: ImportOptions,
): Promise<{ flow: Flow; version?: number }> {
  const flow = await client.request<Flow>('POST', '/flows/import', {
    document,
    ...(options.name ? { name: options.name } : {}),
  });
  if (!options.publish) return { flow };

  try {
    return await publishFlow(client, flow.id, options.note ?? `Imported from ${file}`);
  } catch (error) {
    throw new PublishAfterImportError(flow, error);
  }
}

/**
 * Publishes a flow's draft as a new version and enables the flow. `unchanged` is true when the
 * draft equals the newest version, which the server then keeps instead of publishing a copy.
 */
export async function publishFlow(
  client: AdminClient,
  id: string,
  note: string,
): Promise<{ flow: Flow; version: number; unchanged: boolean }> {
  const path = `/flows/${encodeURIComponent(id)}`;
  const published = await client.request<{ version: number; unchanged?: boolean }>(
    'POST',
    `${path}/publish`,
    { note },
  );
  const flow = await client.request<Flow>('PATCH', path, { enabled: true });
  return { flow, version: published.version, unchanged: published.unchanged === true };
}

/** Reads and parses a flow file. Throws an error naming the file when it is missing or not JSON. */
export async function readFlowFile(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    throw new Error(
      `Flow file ${resolve(file)} was not found. Check the path. A relative path starts at ${process.cwd()}.`,
    );
  });
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(
      `${file} is not valid JSON (${(error as Error).message}). Check the file; an export made with \`pnpm scimflow\` without -s starts with pnpm's own lines.`,
    );
  }
}
