/**
 * Canvas benchmark. It starts a ScimFlow server, imports generated flows of 100, 500 and 1,000
 * nodes and opens each in Debian's chromium. It prints the time to an interactive canvas and the
 * frame times while panning and while dragging a node, and asserts nothing. Run
 * `pnpm --filter @scimflow/web build` first, then `pnpm --filter @scimflow/bench canvas`.
 */
import type { Browser } from '@playwright/test';
import os from 'node:os';

import { assertDesignerBuilt, importFlow, launchChromium, openSignedInContext } from './browser.js';
import {
  findEmptyPanePoint,
  measureDragFrames,
  measureInteractive,
  type FrameStats,
} from './measure.js';
import { startBenchServer, type BenchServer } from './server.js';

// BENCH_CANVAS_SIZES=1000 measures one size, for example.
const SIZES = (process.env.BENCH_CANVAS_SIZES ?? '100,500,1000').split(',').map(Number);
const RUNS_PER_SIZE = 3;

interface RunResult {
  renderedMs: number;
  interactiveMs: number;
  pan: FrameStats;
  nodeDrag: FrameStats;
}

/** Opens the flow in a fresh browser context, so every run loads the app without a warm cache. */
async function measureRun(
  browser: Browser,
  server: BenchServer,
  flowId: string,
  nodeCount: number,
): Promise<RunResult> {
  const context = await openSignedInContext(browser, server);
  try {
    const page = await context.newPage();
    await page.goto(`/#/flows/${flowId}`);
    const { renderedMs, interactiveMs } = await measureInteractive(page, nodeCount);

    const panStart = await findEmptyPanePoint(page);
    const pan = await measureDragFrames(page, panStart, { x: 300, y: 200 });

    const node = await page
      .locator('.react-flow__node')
      .nth(Math.floor(nodeCount / 2))
      .boundingBox();
    if (!node) throw new Error('The node to drag has no bounding box');
    const nodeDrag = await measureDragFrames(
      page,
      { x: node.x + node.width / 2, y: node.y + node.height / 2 },
      { x: 200, y: 120 },
    );
    return { renderedMs, interactiveMs, pan, nodeDrag };
  } finally {
    await context.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

function formatMs(value: number): string {
  return `${value.toFixed(1)} ms`.padStart(10);
}

function printMachine(browserVersion: string): void {
  const cpus = os.cpus();
  console.log('Canvas benchmark (bench/canvas/run.ts)');
  console.log(`  CPU       ${cpus[0]?.model ?? 'unknown'}, ${cpus.length} cores`);
  console.log(`  memory    ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`);
  console.log(`  Node.js   ${process.version}`);
  console.log(`  Chromium  ${browserVersion} (/usr/bin/chromium, headless, --disable-gpu)`);
  console.log(
    `  load      ${os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')} (1, 5, 15 min)`,
  );
  console.log('');
}

async function main(): Promise<void> {
  assertDesignerBuilt();

  const server = await startBenchServer();
  // Inside the try, so the server is stopped even when chromium fails to start; otherwise its
  // child process keeps the benchmark from exiting.
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    printMachine(browser.version());
    console.log(
      `server pid ${server.pid} at ${server.url}; ${RUNS_PER_SIZE} runs per size, medians shown`,
    );
    console.log(
      'nodes | all nodes drawn | first click handled | pan median / p95    | node drag median / p95 | pan work median / p95 | drag work median / p95',
    );

    for (const nodeCount of SIZES) {
      const flowId = await importFlow(browser, server, nodeCount);
      const runs: RunResult[] = [];
      for (let run = 0; run < RUNS_PER_SIZE; run += 1)
        runs.push(await measureRun(browser, server, flowId, nodeCount));

      console.log(
        [
          String(nodeCount).padStart(5),
          formatMs(median(runs.map((run) => run.renderedMs))).padStart(15),
          formatMs(median(runs.map((run) => run.interactiveMs))).padStart(19),
          `${formatMs(median(runs.map((run) => run.pan.medianMs)))} /${formatMs(median(runs.map((run) => run.pan.p95Ms)))}`,
          `${formatMs(median(runs.map((run) => run.nodeDrag.medianMs)))} /${formatMs(median(runs.map((run) => run.nodeDrag.p95Ms)))}`,
          `${formatMs(median(runs.map((run) => run.pan.workMedianMs)))} /${formatMs(median(runs.map((run) => run.pan.workP95Ms)))}`,
          `${formatMs(median(runs.map((run) => run.nodeDrag.workMedianMs)))} /${formatMs(median(runs.map((run) => run.nodeDrag.workP95Ms)))}`,
        ].join(' | '),
      );
    }
    console.log('');
    console.log(
      'Times to a drawn and interactive canvas count from the start of navigation, app load included.',
    );
    console.log(
      'Frame times are requestAnimationFrame deltas; headless chromium caps frames at its 60 Hz',
    );
    console.log('default, so about 16.7 ms is the floor of the median.');
    console.log(
      "Frame work is the main thread's time per frame, from the frame's start to the first task",
    );
    console.log('after its rendering: input handling, animation callbacks, style, layout, paint.');
    console.log(
      'Target: a 1,000-node flow interactive in under 1.5 s with a median frame under 16 ms.',
    );
  } finally {
    await browser?.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(
    `Canvas benchmark failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
});
