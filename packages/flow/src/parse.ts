import { FlowDocumentSchema, type FlowDocument } from './document.js';
import { FormatVersionError, migrateFlowDocument } from './migrations/index.js';
import type { FlowProblem } from './problems.js';

/** The result of parseFlowDocument: the current-format document, or the problems that stop it. */
export type ParseFlowResult =
  | { ok: true; document: FlowDocument; migrations: string[] }
  | { ok: false; problems: FlowProblem[] };

/**
 * Parses a flow document from JSON text or a parsed value: migrates older format versions, then
 * validates against the current schema. Problems carry the JSON path in `field`. Graph and config
 * checks are validateFlow's job.
 */
export function parseFlowDocument(json: unknown): ParseFlowResult {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      return invalid(
        `Flow document is not valid JSON: ${(error as Error).message}. Check the file.`,
      );
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return invalid(
      'Flow document must be a JSON object with "formatVersion", "name", "nodes" and "edges".',
    );
  }

  let migrated;
  try {
    migrated = migrateFlowDocument(value as Record<string, unknown>);
  } catch (error) {
    if (!(error instanceof FormatVersionError)) throw error;
    return {
      ok: false,
      problems: [
        {
          code: 'format_version_unsupported',
          severity: 'error',
          field: 'formatVersion',
          message: error.message,
        },
      ],
    };
  }

  const parsed = FlowDocumentSchema.safeParse(migrated.document);
  if (!parsed.success) {
    const problems: FlowProblem[] = parsed.error.issues.map((issue) => {
      const field = issue.path.map(String).join('.');
      return {
        code: 'document_invalid',
        severity: 'error',
        field: field || undefined,
        message: `Flow document field "${field || '(root)'}" is invalid: ${issue.message}.`,
      };
    });
    return { ok: false, problems };
  }
  return { ok: true, document: parsed.data, migrations: migrated.applied };
}

function invalid(message: string): ParseFlowResult {
  return { ok: false, problems: [{ code: 'document_invalid', severity: 'error', message }] };
}
