import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { selectPublishedAt } from '../flows/published.js';
import { getFlowVersion, type PublishedFlow } from './flow-source.js';
import '../flows/flow-tables.js';

/** Parsed versions kept; published versions never change, so entries never go stale. */
const MAX_VERSIONS = 200;

/**
 * Published flow versions, parsed once and kept by flow and version. The dispatcher lists the
 * runnable versions per batch, and the executor loads the pinned version per execution. Both
 * read the same immutable rows, so they share this cache instead of parsing a document each time.
 */
export class VersionCache {
  private readonly versions = new Map<string, PublishedFlow>();

  constructor(private readonly db: Kysely<Database>) {}

  /** Returns one published version, or undefined when it does not exist. */
  async get(flowId: string, version: number): Promise<PublishedFlow | undefined> {
    const key = `${flowId}@${version}`;
    const cached = this.versions.get(key);
    if (cached) return cached;

    const loaded = await getFlowVersion(this.db, flowId, version);
    if (!loaded) return undefined;
    if (this.versions.size >= MAX_VERSIONS) {
      // Maps iterate in insertion order, so this drops the oldest entry.
      this.versions.delete(this.versions.keys().next().value!);
    }
    this.versions.set(key, loaded);
    return loaded;
  }

  /**
   * Lists, for every enabled flow, the newest version published at or before `at`, oldest flow
   * first: the same selection as `listPublishedFlows`, with documents from the cache. Throws
   * when a stored document no longer parses, as `listPublishedFlows` does.
   */
  async publishedAt(at: string): Promise<PublishedFlow[]> {
    const rows = await selectPublishedAt(this.db, at).execute();

    const versions: PublishedFlow[] = [];
    for (const row of rows) {
      const version = await this.get(row.flow_id, row.version);
      // Versions are only deleted with their flow. A flow deleted after the listing drops out,
      // as it would had it been deleted before.
      if (version) versions.push(version);
    }
    return versions;
  }
}
