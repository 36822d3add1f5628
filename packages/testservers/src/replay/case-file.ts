import fs from 'node:fs';
import path from 'node:path';

/** How a step authenticates; see FORMAT.md next to the cases. */
export type AuthMode = 'bearer' | 'basic' | 'raw-key' | 'api-key-header' | 'none';

/** Which base URL a step's path is relative to. */
export type BaseKind = 'scim' | 'legacy';

/** One request and the response it expects. */
export interface ReplayStep {
  request: {
    method: string;
    path: string;
    query?: string;
    headers?: Record<string, string | null>;
    body?: unknown;
  };
  expect: {
    status?: number | { $in: number[] };
    headers?: Record<string, string>;
    body?: unknown;
  };
  save?: Record<string, string>;
  auth?: AuthMode;
  base?: BaseKind;
}

/** A recorded client conversation. */
export interface ReplayCase {
  name: string;
  about: string;
  client: string;
  auth?: AuthMode;
  base?: BaseKind;
  steps: ReplayStep[];
}

/** Loads every `*.json` case of a folder, sorted by file name. Throws naming a file that is not a case. */
export function loadCases(folder: string): ReplayCase[] {
  return fs
    .readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as ReplayCase;
      if (typeof parsed.name !== 'string' || !Array.isArray(parsed.steps)) {
        throw new Error(`${file} is not a replay case: it needs "name" and "steps"`);
      }
      return parsed;
    });
}
