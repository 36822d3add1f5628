/**
 * Records a Chrome trace of opening a generated flow, from navigation until the first click on a
 * node has selected it. It prints where the renderer's main thread spent that time: by trace
 * event, as a list of long tasks, and by JavaScript function (self time in V8's samples).
 * Build the designer with `--minify false` for readable function names. Run
 * `pnpm --filter @scimflow/bench canvas:profile`. BENCH_CANVAS_NODES sets the flow size (default
 * 1000), and BENCH_CANVAS_TRACE names a file for the raw trace, which Chrome's DevTools open.
 */
import { writeFileSync } from 'node:fs';

import { assertDesignerBuilt, importFlow, launchChromium, openSignedInContext } from './browser.js';
import { measureInteractive } from './measure.js';
import { startBenchServer } from './server.js';
import { summarizeTrace, type TraceEvent } from './trace.js';

const NODE_COUNT = Number(process.env.BENCH_CANVAS_NODES ?? '1000');

const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'v8.execute',
  'disabled-by-default-v8.cpu_profiler',
];

async function main(): Promise<void> {
  assertDesignerBuilt();
  const server = await startBenchServer();
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    browser = await launchChromium();
    const flowId = await importFlow(browser, server, NODE_COUNT);
    const context = await openSignedInContext(browser, server);
    const page = await context.newPage();

    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    await page.goto(`/#/flows/${flowId}`);
    const { renderedMs, interactiveMs } = await measureInteractive(page, NODE_COUNT);
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as {
      traceEvents: TraceEvent[];
    };
    await context.close();

    if (process.env.BENCH_CANVAS_TRACE) {
      writeFileSync(process.env.BENCH_CANVAS_TRACE, JSON.stringify(trace));
    }
    console.log(
      `${NODE_COUNT} nodes: all drawn at ${renderedMs.toFixed(0)} ms, first click handled at ${interactiveMs.toFixed(0)} ms`,
    );
    console.log(summarizeTrace(trace.traceEvents, interactiveMs));
  } finally {
    await browser?.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`Canvas profile failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
