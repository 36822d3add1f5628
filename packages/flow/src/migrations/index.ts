import { FLOW_FORMAT_VERSION } from '../document.js';
import type { FlowMigration } from './types.js';
import { reactFlowDataToNode } from './v0-react-flow-data.js';

export type { FlowMigration } from './types.js';

/** Every migration, in order; each one's `to` is the next one's `from`. */
export const flowMigrations: readonly FlowMigration[] = [reactFlowDataToNode];

/** Raised when a document's format version is not a number this build can migrate. */
export class FormatVersionError extends Error {
  constructor(readonly formatVersion: unknown) {
    super(
      `Flow document has format version ${JSON.stringify(formatVersion)}, but this build reads versions 0 to ${FLOW_FORMAT_VERSION}. ` +
        'Export the flow again from a matching ScimFlow version, or upgrade this server.',
    );
    this.name = 'FormatVersionError';
  }
}

/**
 * Returns the format version of a parsed JSON document: `formatVersion`, or 0 for prototype
 * documents, which carry `version: 0` or no version at all.
 */
export function formatVersionOf(document: Record<string, unknown>): unknown {
  if ('formatVersion' in document) return document.formatVersion;
  if ('version' in document) return document.version;
  return 0;
}

/**
 * Migrates a parsed JSON document to the current format version and returns it with the names of
 * the migrations applied. Throws FormatVersionError for an unknown or newer version. The result
 * still needs schema validation.
 */
export function migrateFlowDocument(document: Record<string, unknown>): {
  document: Record<string, unknown>;
  applied: string[];
} {
  const declared = formatVersionOf(document);
  if (typeof declared !== 'number' || !Number.isInteger(declared) || declared < 0) {
    throw new FormatVersionError(declared);
  }
  if (declared > FLOW_FORMAT_VERSION) throw new FormatVersionError(declared);

  let version = declared;
  let current = document;
  const applied: string[] = [];
  while (version < FLOW_FORMAT_VERSION) {
    const migration = flowMigrations.find((candidate) => candidate.from === version);
    if (!migration) throw new FormatVersionError(version);

    current = migration.migrate(current);
    applied.push(migration.name);
    version = migration.to;
  }
  return { document: current, applied };
}
