import { afterEach, describe, expect, it } from 'vitest';
import { RUNTIME_THREAD_METRICS_TIMEOUT_MS } from '../../src/metrics/thread-metrics.js';
import type { RuntimeThread } from '../../src/runtime-thread/runtime-thread.js';
import { startServer, type TestServer } from '../support/test-server.js';
import { FAST_RUNTIME } from './support/runtime-server.js';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server?.removeData();
  server = undefined;
});

/** Starts a server whose flows run in two runtime threads. */
async function startThreadServer(): Promise<{ server: TestServer; threads: RuntimeThread[] }> {
  server = await startServer({ runtime: { ...FAST_RUNTIME, threads: 2 } });
  return { server, threads: server.app.runtimeThreads!.threads };
}

/** Scrapes `/metrics` and measures how long the response took, in milliseconds. */
async function timedScrape(baseUrl: string): Promise<{ text: string; elapsedMs: number }> {
  const started = Date.now();
  const response = await fetch(`${baseUrl}/metrics`);
  expect(response.status).toBe(200);
  const text = await response.text();
  return { text, elapsedMs: Date.now() - started };
}

function missingSeries(threadIndex: number, value: 0 | 1): string {
  return `scimflow_runtime_thread_metrics_missing{thread_index="${threadIndex}"} ${value}`;
}

/** Returns the `missingThreads` of every scrape warning in the server's log. */
function missingThreadWarnings(logText: string): { threadIndex: number; reason: string }[][] {
  return logText
    .split('\n')
    .filter((line) => line.includes('"msg":"runtime thread metrics missing from scrape"'))
    .map(
      (line) =>
        (JSON.parse(line) as { missingThreads: { threadIndex: number; reason: string }[] })
          .missingThreads,
    );
}

describe('runtime thread metrics', () => {
  it('scrape answers while a thread is blocked', async () => {
    const { server, threads } = await startThreadServer();
    const blockedThreadId = (threads[0] as unknown as { worker: { threadId: number } }).worker
      .threadId;

    threads[0]!.blockForTests(RUNTIME_THREAD_METRICS_TIMEOUT_MS + 2_000);
    const { text, elapsedMs } = await timedScrape(server.baseUrl);

    expect(elapsedMs).toBeGreaterThanOrEqual(RUNTIME_THREAD_METRICS_TIMEOUT_MS - 50);
    expect(elapsedMs).toBeLessThan(RUNTIME_THREAD_METRICS_TIMEOUT_MS + 1_500);
    expect(text).toContain(missingSeries(0, 1));
    expect(text).toContain(missingSeries(1, 0));
    expect(text).toContain('# TYPE scimflow_executions_total counter');

    const warnings = missingThreadWarnings(server.logText());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toEqual([
      { threadIndex: 0, threadId: blockedThreadId, reason: 'timed out' },
    ]);

    // Once the thread runs again, its late reply is dropped and the next scrape includes it.
    await expect
      .poll(async () => (await timedScrape(server.baseUrl)).text, { timeout: 10_000 })
      .toContain(missingSeries(0, 0));
  });

  it('scrape ends when a thread exits', async () => {
    const { server, threads } = await startThreadServer();
    const worker = (threads[0] as unknown as { worker: { terminate(): Promise<number> } }).worker;

    // The blocked thread cannot reply, so the scrape is still waiting when the thread ends.
    threads[0]!.blockForTests(RUNTIME_THREAD_METRICS_TIMEOUT_MS * 3);
    const scrape = timedScrape(server.baseUrl);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await worker.terminate();
    const { text, elapsedMs } = await scrape;

    expect(elapsedMs).toBeLessThan(RUNTIME_THREAD_METRICS_TIMEOUT_MS);
    expect(text).toContain(missingSeries(0, 1));
    expect(text).toContain(missingSeries(1, 0));

    // The thread restarts one second after it exited, so a scrape right away finds it gone.
    const { text: restarting } = await timedScrape(server.baseUrl);
    expect(restarting).toContain(missingSeries(0, 1));

    const reasons = missingThreadWarnings(server.logText()).map((missing) =>
      missing.map((thread) => `${thread.threadIndex}: ${thread.reason}`),
    );
    expect(reasons).toEqual([['0: thread exited'], ['0: thread not running']]);

    await expect
      .poll(async () => (await timedScrape(server.baseUrl)).text, { timeout: 10_000 })
      .toContain(missingSeries(0, 0));
  });
});
