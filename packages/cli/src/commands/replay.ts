import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

import {
  loadCases,
  runCase,
  type AuthMode,
  type CaseResult,
  type ReplayCase,
  type ReplayTarget,
} from '@scimflow/testservers/replay';
import { UsageError } from './flows-validate.js';
import { usedEndpointHint } from './replay-hint.js';

/** Options of `replay`: the endpoint and whichever of its credentials the traffic needs. */
export interface ReplayOptions {
  endpoint: string;
  legacyEndpoint?: string;
  token?: string;
  basic?: string;
  apiKey?: string;
}

/** A case's outcome, or why it was skipped, and for some failures a hint at their cause. */
export type ReplayOutcome = CaseResult & { skipped?: string; hint?: string[] };

/**
 * Sends recorded SCIM traffic (one case file or a folder of them) to an endpoint and compares
 * every response with the recorded expectation.
 */
export async function replayTraffic(
  source: string,
  options: ReplayOptions,
): Promise<ReplayOutcome[]> {
  const cases = await readCases(source);
  const target = toTarget(options);

  const outcomes: ReplayOutcome[] = [];
  for (const replayCase of cases) {
    const missing = missingCredential(replayCase, options);
    if (missing) {
      outcomes.push({ name: replayCase.name, passed: false, skipped: `needs ${missing}` });
      continue;
    }
    const result = await runCase(replayCase, target).catch((error: unknown) => {
      // fetch rejects with a TypeError "fetch failed" when no server accepts the connection.
      if (!(error instanceof TypeError) || error.message !== 'fetch failed') throw error;
      throw new Error(
        `Cannot reach ${options.endpoint}: ${error.message}. Start ScimFlow, or check --endpoint.`,
      );
    });

    const hint = result.passed
      ? undefined
      : usedEndpointHint(replayCase, result, { source, endpoint: options.endpoint });
    outcomes.push(hint ? { ...result, hint } : result);
  }
  return outcomes;
}

/** Prints one line per case and returns the exit code: 1 when any case failed. */
export async function runReplay(
  source: string,
  options: ReplayOptions,
  out: (line: string) => void,
): Promise<number> {
  const outcomes = await replayTraffic(source, options);
  let failed = 0;
  let skipped = 0;
  for (const outcome of outcomes) {
    if (outcome.skipped) {
      skipped++;
      out(`skip  ${outcome.name}: ${outcome.skipped}`);
    } else if (outcome.passed) {
      out(`pass  ${outcome.name}`);
    } else {
      failed++;
      out(`FAIL  ${outcome.name}: step ${outcome.failedStep} ${outcome.request ?? ''}`);
      out(`      ${outcome.reason}`);
      for (const line of outcome.hint ?? []) out(`      ${line}`);
    }
  }
  const passed = outcomes.length - failed - skipped;
  out(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  return failed > 0 ? 1 : 0;
}

export async function readCases(source: string): Promise<ReplayCase[]> {
  const info = await stat(source).catch(() => undefined);
  if (!info) throw new UsageError(`No such file or folder: ${source}`);
  if (info.isDirectory()) return loadCases(source);

  const name = basename(source);
  return loadCases(dirname(source)).filter((replayCase) => `${replayCase.name}.json` === name);
}

function toTarget(options: ReplayOptions): ReplayTarget {
  const scimBase = options.endpoint.replace(/\/+$/, '');
  if (!/^https?:\/\//.test(scimBase)) {
    throw new UsageError(`--endpoint must be a URL such as http://127.0.0.1:3000/scim/v2/default`);
  }
  const legacyBase = options.legacyEndpoint ?? scimBase.replace('/scim/v2/', '/scim-choreo/');
  const [username = '', password = ''] = splitBasic(options.basic);
  return {
    scimBase,
    legacyBase,
    credentials: {
      bearerToken: options.token ?? '',
      basic: { username, password },
      apiKey: options.apiKey ?? '',
    },
  };
}

function splitBasic(basic: string | undefined): [string, string] | [] {
  if (!basic) return [];
  const colon = basic.indexOf(':');
  if (colon < 0) throw new UsageError('--basic takes user:password');
  return [basic.slice(0, colon), basic.slice(colon + 1)];
}

const OPTION_FOR_MODE: Record<AuthMode, keyof ReplayOptions | undefined> = {
  bearer: 'token',
  basic: 'basic',
  'raw-key': 'apiKey',
  'api-key-header': 'apiKey',
  none: undefined,
};

const FLAG_FOR_OPTION: Partial<Record<keyof ReplayOptions, string>> = {
  token: '--token',
  basic: '--basic',
  apiKey: '--api-key',
};

/** Names the credential flag a case needs and was not given, if any. */
function missingCredential(replayCase: ReplayCase, options: ReplayOptions): string | undefined {
  const modes = new Set<AuthMode>([
    replayCase.auth ?? 'bearer',
    ...replayCase.steps.map((step) => step.auth ?? replayCase.auth ?? 'bearer'),
  ]);
  for (const mode of modes) {
    const option = OPTION_FOR_MODE[mode];
    if (option && !options[option]) return FLAG_FOR_OPTION[option];
  }
  return undefined;
}
