import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { MemoryJournal, runExecution, type Journal, type StepRecord } from '../src/index.js';
import {
  edge,
  executionInput,
  flow,
  node,
  post,
  startTestApi,
  userEvent,
  type TestApi,
} from './harness.js';

let api: TestApi;

beforeEach(async () => {
  api = await startTestApi();
});

afterEach(async () => {
  await api.close();
});

describe('runExecution branching', () => {
  const branching = () =>
    flow(
      [
        node('isEngineer', 'logic.condition', { expression: 'user.title = "Engineer"' }),
        post('invite', api, '/engineers', { user: '{{ user.userName }}' }),
        node('note', 'logic.log', { message: '{{ user.userName }} is not an engineer' }),
      ],
      [
        edge('trigger', 'isEngineer'),
        edge('isEngineer', 'invite', 'true'),
        edge('isEngineer', 'note', 'false'),
      ],
    );

  it('follows the true port', async () => {
    const result = await runExecution(executionInput(branching(), new MemoryJournal()));

    expect(result.status).toBe('succeeded');
    expect(result.steps.map((step) => step.nodeId)).toEqual(['trigger', 'isEngineer', 'invite']);
    expect(api.requests).toMatchObject([
      { method: 'POST', path: '/engineers', body: { user: 'kim@example.com' } },
    ]);
  });

  it('follows the false port', async () => {
    const event = userEvent({ user: { userName: 'sam@example.com', title: 'Sales' } });

    const result = await runExecution(executionInput(branching(), new MemoryJournal(), { event }));

    expect(result.steps.map((step) => [step.nodeId, step.port])).toEqual([
      ['trigger', 'out'],
      ['isEngineer', 'false'],
      ['note', 'out'],
    ]);
    expect(result.steps[2]!.logs).toEqual([
      { level: 'info', message: 'sam@example.com is not an engineer', fields: undefined },
    ]);
    expect(api.requests).toHaveLength(0);
  });

  it('runs a join node once after both branches', async () => {
    const document = flow(
      [
        node('left', 'logic.transform', { fields: { side: 'left' } }),
        node('right', 'logic.transform', { fields: { side: 'right' } }),
        node('join', 'logic.transform', {
          fields: { both: '{{ steps.left.output.side & "+" & steps.right.output.side }}' },
        }),
      ],
      [
        edge('trigger', 'left'),
        edge('trigger', 'right'),
        edge('left', 'join'),
        edge('right', 'join'),
      ],
    );

    const result = await runExecution(executionInput(document, new MemoryJournal()));

    expect(result.steps.map((step) => step.nodeId)).toEqual(['trigger', 'left', 'right', 'join']);
    expect(result.steps[3]!.output).toEqual({ both: 'left+right' });
  });
});

describe('runExecution step outputs', () => {
  it('feeds earlier outputs into later expressions', async () => {
    api.respond('/accounts', () => ({ status: 201, body: { id: 'acct-77' } }));
    const document = flow(
      [
        node('names', 'logic.transform', {
          fields: { login: '{{ $lowercase(user.name.givenName & "." & user.name.familyName) }}' },
        }),
        post('account', api, '/accounts', { login: '{{ steps.names.output.login }}' }),
        post('welcome', api, '/welcome', {
          account: '{{ steps.account.output.body.id }}',
          login: '{{ steps.names.output.login }}',
        }),
      ],
      [edge('trigger', 'names'), edge('names', 'account'), edge('account', 'welcome')],
    );

    const result = await runExecution(executionInput(document, new MemoryJournal()));

    expect(result.status).toBe('succeeded');
    expect(api.requests.map((request) => request.body)).toEqual([
      { login: 'kim.lee' },
      { account: 'acct-77', login: 'kim.lee' },
    ]);
  });
});

describe('runExecution journal', () => {
  const canaryToken = 'canary-token-5f1e9a7c3b';
  const knownSecret = 'canary-known-8d2c4e6a';

  it('redacts credentials, secret fields and known secrets', async () => {
    // The API echoes what it received, so the output carries the secrets back.
    api.respond('/echo', (request) => ({
      status: 200,
      body: {
        seen: request.headers.authorization,
        note: `token was ${canaryToken}`,
        password: 'hunter2-canary',
      },
    }));
    const document = flow(
      [
        post(
          'call',
          api,
          '/echo',
          { password: 'hunter2-canary', note: '{{ user.externalId }}' },
          { credential: 'Hook' },
        ),
      ],
      [edge('trigger', 'call')],
    );
    const journal = new MemoryJournal();
    const event = userEvent({
      user: { userName: 'kim@example.com', externalId: `ext-${knownSecret}` },
    });
    const credentials = [
      { name: 'Hook', type: 'http.bearer' as const, data: { token: canaryToken } },
    ];

    const result = await runExecution(
      executionInput(document, journal, { event, secrets: [knownSecret] }, credentials),
    );

    expect(result.status).toBe('succeeded');
    expect(api.requests[0]!.headers.authorization).toBe(`Bearer ${canaryToken}`);
    const dump = journal.dump();
    expect(dump).not.toContain(canaryToken);
    expect(dump).not.toContain(knownSecret);
    expect(dump).not.toContain('hunter2-canary');
    expect(dump).toContain('[redacted]');
  });

  it('records input, output, attempts and duration', async () => {
    api.respond('/flaky', (_request, count) =>
      count === 1 ? { status: 503, body: { error: 'busy' } } : { status: 200, body: { ok: 1 } },
    );
    const document = flow(
      [
        node('fetch', 'http.request', {
          method: 'GET',
          url: `${api.url}/flaky?user={{ user.userName }}`,
        }),
      ],
      [edge('trigger', 'fetch')],
    );
    let clock = 1_000;
    const journal = new MemoryJournal();

    await runExecution(executionInput(document, journal, { now: () => (clock += 5) }));

    const [, step] = await journal.loadSteps('exec_1');
    expect(step).toMatchObject({
      nodeId: 'fetch',
      nodeType: 'http.request',
      idempotencyKey: 'exec_1:fetch',
      status: 'succeeded',
      input: { method: 'GET', url: `${api.url}/flaky?user=kim@example.com` },
      output: { status: 200, body: { ok: 1 } },
      attempts: 2,
      dryRun: false,
    });
    expect(step!.requests.map((request) => request.status)).toEqual([503, 200]);
    expect(step!.durationMs).toBeGreaterThan(0);
  });
});

describe('runExecution failures', () => {
  it('fails with the stop message, not retryable', async () => {
    const document = flow(
      [node('halt', 'logic.stop', { message: 'No manager for {{ user.userName }}' })],
      [edge('trigger', 'halt')],
    );

    const result = await runExecution(executionInput(document, new MemoryJournal()));

    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ nodeId: 'halt', code: 'flow_stopped', retryable: false });
    expect(result.error!.message).toContain('No manager for kim@example.com');
  });

  it('names node, field and expression on an expression error', async () => {
    const document = flow(
      [post('call', api, '/x', { n: '{{ $number("abc") }}' })],
      [edge('trigger', 'call')],
    );

    const result = await runExecution(executionInput(document, new MemoryJournal()));

    expect(result.error).toMatchObject({
      nodeId: 'call',
      code: 'expression_failed',
      retryable: false,
    });
    expect(result.error!.message).toContain('node "call", field "config.body.n"');
    expect(result.error!.message).toContain('$number("abc")');
    expect(api.requests).toHaveLength(0);
  });

  it('fails a rejected request as retryable', async () => {
    api.respond('/down', () => ({ status: 500, body: { message: 'database down' } }));
    const document = flow([post('call', api, '/down')], [edge('trigger', 'call')]);

    const result = await runExecution(executionInput(document, new MemoryJournal()));

    expect(result.error).toMatchObject({ nodeId: 'call', code: 'api_status', retryable: true });
    expect(result.error!.message).toContain('database down');
  });

  it('fails on a missing credential', async () => {
    const document = flow(
      [post('call', api, '/x', {}, { credential: 'Gone' })],
      [edge('trigger', 'call')],
    );

    const result = await runExecution(executionInput(document, new MemoryJournal()));

    expect(result.error).toMatchObject({
      nodeId: 'call',
      code: 'credential_not_found',
      retryable: false,
    });
  });
});

/** A journal that fails from the first save of one node on, as a process that dies there would. */
class CrashingJournal implements Journal {
  private crashed = false;

  constructor(
    private readonly inner: Journal,
    private readonly crashAtNode: string,
  ) {}

  loadSteps(executionId: string): Promise<StepRecord[]> {
    return this.inner.loadSteps(executionId);
  }

  async saveStep(record: StepRecord): Promise<void> {
    if (record.nodeId === this.crashAtNode) this.crashed = true;
    if (this.crashed) throw new Error('process died');
    await this.inner.saveStep(record);
  }
}

describe('runExecution resume', () => {
  const twoCalls = () =>
    flow(
      [post('one', api, '/one', { n: 1 }), post('two', api, '/two', { n: 2 })],
      [edge('trigger', 'one'), edge('one', 'two')],
    );

  it('skips finished steps after a crash', async () => {
    const journal = new MemoryJournal();
    const crashing = new CrashingJournal(journal, 'two');
    await expect(runExecution(executionInput(twoCalls(), crashing))).rejects.toThrow(
      'process died',
    );
    expect(api.countOf('/one')).toBe(1);

    const result = await runExecution(executionInput(twoCalls(), journal));

    expect(result.status).toBe('succeeded');
    expect(result.reused).toEqual(['trigger', 'one']);
    expect(api.countOf('/one')).toBe(1);
    expect(api.countOf('/two')).toBe(1);
  });

  it('retries from the failed step', async () => {
    api.respond('/two', (_request, count) =>
      count === 1 ? { status: 400, body: { message: 'bad' } } : { status: 201 },
    );
    const journal = new MemoryJournal();
    const first = await runExecution(executionInput(twoCalls(), journal));
    expect(first.error).toMatchObject({ nodeId: 'two', retryable: false });

    const second = await runExecution(executionInput(twoCalls(), journal, { fromStep: 'two' }));

    expect(second.status).toBe('succeeded');
    expect(second.reused).toEqual(['trigger', 'one']);
    expect(api.countOf('/one')).toBe(1);
    expect(api.countOf('/two')).toBe(2);
  });

  it('reruns every step on restart', async () => {
    const journal = new MemoryJournal();
    await runExecution(executionInput(twoCalls(), journal));

    const again = await runExecution(executionInput(twoCalls(), journal, { restart: true }));

    expect(again.reused).toEqual([]);
    expect(api.countOf('/one')).toBe(2);
    expect(api.countOf('/two')).toBe(2);
  });
});

describe('runExecution dry run', () => {
  it('sends no write and marks the steps', async () => {
    const document = flow(
      [
        node('names', 'logic.transform', { fields: { login: '{{ user.userName }}' } }),
        post('call', api, '/accounts', { login: '{{ steps.names.output.login }}' }),
      ],
      [edge('trigger', 'names'), edge('names', 'call')],
    );
    const journal = new MemoryJournal();

    const result = await runExecution(executionInput(document, journal, { dryRun: true }));

    expect(result.status).toBe('succeeded');
    expect(api.requests).toHaveLength(0);
    expect(result.steps.every((step) => step.dryRun)).toBe(true);
    expect(result.steps[2]).toMatchObject({
      outcome: 'skipped',
      output: { dryRun: true, wouldSend: { method: 'POST', body: { login: 'kim@example.com' } } },
    });
  });
});

describe('runExecution abort', () => {
  it('stops before the next step', async () => {
    const controller = new AbortController();
    const document = flow(
      [node('first', 'logic.transform', { fields: { a: '1' } }), post('call', api, '/after')],
      [edge('trigger', 'first'), edge('first', 'call')],
    );
    const journal = new MemoryJournal();
    const aborting: Journal = {
      loadSteps: (executionId) => journal.loadSteps(executionId),
      async saveStep(record) {
        await journal.saveStep(record);
        if (record.nodeId === 'first' && record.status === 'succeeded') controller.abort();
      },
    };

    const result = await runExecution(
      executionInput(document, aborting, { signal: controller.signal }),
    );

    expect(result.error).toMatchObject({
      nodeId: 'call',
      code: 'execution_aborted',
      retryable: true,
    });
    expect(api.requests).toHaveLength(0);
  });
});
