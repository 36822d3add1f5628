import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { matchBody } from '@scimflow/testservers/replay';
import { ReplayStore, type ReplayRequest } from './replay/store.js';

/** Recorded identity-provider traffic with expected responses, kept with the server's tests. */
const CASES_DIR = new URL('../../../apps/server/test/fixtures/cases/', import.meta.url);

interface Step {
  request: ReplayRequest & { headers?: Record<string, string | null> };
  expect: { status?: number | { $in: number[] }; body?: unknown };
  save?: Record<string, string>;
  auth?: string;
  base?: 'scim' | 'legacy';
}

interface ReplayCase {
  name: string;
  auth?: string;
  base?: 'scim' | 'legacy';
  steps: Step[];
}

/** Cases about authentication test the server's guard, which this package does not have. */
function isAuthenticationCase(replayCase: ReplayCase): boolean {
  return replayCase.steps.some((step) => step.expect.status === 401);
}

function loadCases(): ReplayCase[] {
  if (!existsSync(CASES_DIR)) return [];

  return readdirSync(CASES_DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(readFileSync(new URL(file, CASES_DIR), 'utf8')) as ReplayCase)
    .filter((replayCase) => !isAuthenticationCase(replayCase));
}

function substitute<T>(value: T, variables: Map<string, string>): T {
  const text = JSON.stringify(value ?? null).replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
    const saved = variables.get(name);
    if (saved === undefined) throw new Error(`variable ${name} used before it was saved`);
    return saved;
  });
  return JSON.parse(text) as T;
}

function readPath(body: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (current, part) => (current as Record<string, unknown> | undefined)?.[part],
      body,
    );
}

const cases = loadCases();

describe.skipIf(cases.length === 0)('recorded client traffic', () => {
  test.each(cases.map((replayCase) => [replayCase.name, replayCase] as const))(
    '%s',
    (_name, replayCase) => {
      const store = new ReplayStore();
      const variables = new Map<string, string>();

      for (const [index, rawStep] of replayCase.steps.entries()) {
        const step = substitute(rawStep, variables);
        const response = store.handle(step.request, step.base ?? replayCase.base ?? 'scim');
        const where = `${replayCase.name} step ${index + 1} (${step.request.method} ${step.request.path})`;

        const expected = step.expect.status;
        if (typeof expected === 'number') expect(response.status, where).toBe(expected);
        if (typeof expected === 'object') expect(expected.$in, where).toContain(response.status);

        if (step.expect.body !== undefined) {
          expect(
            matchBody(step.expect.body, response.body),
            `${where}: ${JSON.stringify(response.body)}`,
          ).toBeUndefined();
        }

        for (const [name, path] of Object.entries(step.save ?? {})) {
          const value = readPath(response.body, path);
          expect(value, `${where}: save ${path}`).toBeDefined();
          variables.set(name, String(value));
        }
      }
    },
  );
});
