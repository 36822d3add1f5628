import type { CaseResult, ReplayCase, ReplayStep } from '@scimflow/testservers/replay';

/** The source and endpoint of a failed replay, for the commands that a hint shows. */
export interface ReplayRun {
  /** The case file or folder, as the user passed it. */
  source: string;
  /** The SCIM base URL of the endpoint, as passed with `--endpoint`. */
  endpoint: string;
}

/**
 * Explains a failure that looks like the endpoint already held data: a create that expected 2xx
 * and got 409, or a read before the case's first create that expected nothing and found data.
 * Recordings expect an empty endpoint, so the fix is a new endpoint or deleting that data.
 * Returns the hint's lines, or undefined when the failure looks like anything else.
 */
export function usedEndpointHint(
  replayCase: ReplayCase,
  result: CaseResult,
  run: ReplayRun,
): string[] | undefined {
  const index = (result.failedStep ?? 0) - 1;
  const step = replayCase.steps[index];
  const response = responseOf(result.reason);
  if (!step || !response) return undefined;

  const found = conflictOnCreate(step, response) ?? dataBeforeCreate(replayCase, index, response);
  if (!found) return undefined;

  const resource = resourceOf(step);
  const origin = new URL(run.endpoint).origin;
  const base = run.endpoint.replace(/\/+$/, '');
  // Encoded, so that the URL works when pasted into curl or a browser as it is.
  const filter = encodeURIComponent(`${resource.attribute} eq "${resource.value}"`);
  const lookup = resource.value
    ? `: find its id with GET ${base}${resource.collection}?filter=${filter},`
    : ',';
  return [
    `hint: this recording expects an empty endpoint. ${found}, so the endpoint likely holds ${resource.name} already, from an earlier replay perhaps.`,
    `Replay into a new endpoint: pnpm -s scimflow replay ${run.source} --new-endpoints --url ${origin} --password <admin password>`,
    `or delete ${resource.name}${lookup}`,
    `then DELETE ${base}${resource.collection}/<id> and replay again.`,
  ];
}

/**
 * Reads the status and body text that `runCase` appends to a reason as
 * `; response <status>: <body>`.
 */
function responseOf(reason: string | undefined): { status: number; text: string } | undefined {
  const match = reason?.match(/; response (\d{3}): ([\s\S]*)$/);
  if (!match) return undefined;
  return { status: Number(match[1]), text: match[2]! };
}

function conflictOnCreate(
  step: ReplayStep,
  response: { status: number; text: string },
): string | undefined {
  if (step.request.method.toUpperCase() !== 'POST' || response.status !== 409) return undefined;
  if (!expectsSuccess(step)) return undefined;

  const uniqueness = /"scimType"\s*:\s*"uniqueness"/.test(response.text);
  return `Its create got 409 Conflict${uniqueness ? ' (scimType uniqueness)' : ''}`;
}

/**
 * Detects a read that expected 404 or an empty list and found data. Only reads before the
 * case's first create count, because after it the data may be the case's own and the server
 * at fault.
 */
function dataBeforeCreate(
  replayCase: ReplayCase,
  index: number,
  response: { status: number; text: string },
): string | undefined {
  const earlierCreate = replayCase.steps
    .slice(0, index)
    .some((step) => step.request.method.toUpperCase() === 'POST');
  const step = replayCase.steps[index]!;
  if (earlierCreate || step.request.method.toUpperCase() !== 'GET') return undefined;
  if (response.status < 200 || response.status > 299) return undefined;

  if (step.expect.status === 404) return `A read that expected 404 got ${response.status}`;

  const expectedTotal = (step.expect.body as { totalResults?: unknown } | undefined)?.totalResults;
  const total = Number(response.text.match(/"totalResults"\s*:\s*(\d+)/)?.[1] ?? 0);
  if (expectedTotal === 0 && total > 0) {
    return `A search that expected no results found ${total}`;
  }
  return undefined;
}

function expectsSuccess(step: ReplayStep): boolean {
  const expected = step.expect.status;
  if (expected === undefined) return false;

  const statuses = typeof expected === 'number' ? [expected] : expected.$in;
  return statuses.length > 0 && statuses.every((status) => status >= 200 && status <= 299);
}

/** The resource a step creates or searches for, such as user "ada@example.org" in `/Users`. */
interface StepResource {
  /** `user "ada@example.org"`, or `the users it creates` when no value is known. */
  name: string;
  collection: '/Users' | '/Groups';
  /** The identifying attribute: `userName`, `displayName`, or the filter's (`externalId`). */
  attribute: string;
  value: string | undefined;
}

function resourceOf(step: ReplayStep): StepResource {
  const isGroup = /^\/Groups\b/i.test(step.request.path);
  const kind = isGroup ? 'group' : 'user';
  const collection = isGroup ? '/Groups' : '/Users';
  const nameAttribute = isGroup ? 'displayName' : 'userName';

  const body = (step.request.body ?? {}) as Record<string, unknown>;
  if (typeof body[nameAttribute] === 'string') {
    const value = body[nameAttribute] as string;
    return { name: `${kind} "${value}"`, collection, attribute: nameAttribute, value };
  }

  // Recorded searches filter on one attribute with eq, quoted or not, such as
  // `userName eq "ada@example.org"`.
  const filter = new URLSearchParams(step.request.query ?? '').get('filter') ?? '';
  const match = filter.match(/^\s*([\w.:]+)\s+eq\s+"?([^"]+?)"?\s*$/i);
  if (!match)
    return {
      name: `the ${kind}s it creates`,
      collection,
      attribute: nameAttribute,
      value: undefined,
    };

  const [, attribute = nameAttribute, value] = match;
  const name =
    attribute.toLowerCase() === nameAttribute.toLowerCase()
      ? `${kind} "${value}"`
      : `the ${kind} with ${attribute} "${value}"`;
  return { name, collection, attribute, value };
}
