/// <reference lib="dom" />
import type { Page } from '@playwright/test';

/** Median and 95th percentile of frame times in milliseconds, and how many frames they cover. */
export interface FrameStats {
  frames: number;
  medianMs: number;
  p95Ms: number;
  /**
   * Main-thread work per frame: from the frame's start (the requestAnimationFrame timestamp) to
   * the first task after its rendering, so pointer handling, animation callbacks, style, layout
   * and paint are inside. Unlike the interval between frames, it can go below the 60 Hz cap.
   */
  workMedianMs: number;
  workP95Ms: number;
}

/** Returns the value at percentile `p` (0 to 100) of sorted values, by the nearest-rank method. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/**
 * Waits until `nodeCount` React Flow nodes are in the DOM, then clicks one and waits until it is
 * selected. Returns both moments in milliseconds since the navigation started (the page's
 * `performance.now()`), so the figures include loading the app and the flow.
 */
export async function measureInteractive(
  page: Page,
  nodeCount: number,
): Promise<{ renderedMs: number; interactiveMs: number }> {
  const rendered = await page
    .waitForFunction(
      (count) =>
        document.querySelectorAll('.react-flow__node').length >= count && performance.now(),
      nodeCount,
      { polling: 'raf', timeout: 60_000 },
    )
    .catch(async (error: unknown) => {
      const drawn = await page.locator('.react-flow__node').count();
      const transform = await page.locator('.react-flow__viewport').getAttribute('style');
      throw new Error(
        `Only ${drawn} of ${nodeCount} nodes were drawn (viewport ${transform}): ${String(error)}`,
      );
    });
  const renderedMs = (await rendered.jsonValue()) as number;

  // A plain mouse click, because a locator click first waits for the node to be stable.
  const box = await page.locator('.react-flow__node').first().boundingBox();
  if (!box) throw new Error('The first node has no bounding box');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const selected = await page.waitForFunction(
    () => document.querySelector('.react-flow__node.selected') !== null && performance.now(),
    undefined,
    { polling: 'raf' },
  );
  return { renderedMs, interactiveMs: (await selected.jsonValue()) as number };
}

/** Finds a point of the canvas where the pane itself is under the pointer, not a node or edge. */
export async function findEmptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane');
    if (!pane) return null;
    const box = pane.getBoundingClientRect();
    for (let y = box.top + 20; y < box.bottom - 20; y += 15) {
      for (let x = box.left + 20; x < box.right - 220; x += 15) {
        if (document.elementFromPoint(x, y) === pane) return { x, y };
      }
    }
    return null;
  });
  if (!point) throw new Error('No empty point of the canvas pane to start a pan from');
  return point;
}

/**
 * Records requestAnimationFrame timestamps while a mouse drag moves from `from` by `distance`
 * in `moves` steps, one step every 16 ms like a 60 Hz pointer, and returns the frame times.
 */
export async function measureDragFrames(
  page: Page,
  from: { x: number; y: number },
  distance: { x: number; y: number },
  moves = 90,
): Promise<FrameStats> {
  // A string, because tsx's name-keeping helper (`__name`) does not exist inside the page.
  // A message posted in a frame's animation callback runs as the first task after that frame's
  // rendering, so its arrival time ends the frame's main-thread work.
  await page.evaluate(`(() => {
    window.frameTimes = [];
    window.frameWork = [];
    window.recording = true;
    const channel = new MessageChannel();
    let frameStart = 0;
    channel.port1.onmessage = () => window.frameWork.push(performance.now() - frameStart);
    requestAnimationFrame(function record(time) {
      window.frameTimes.push(time);
      frameStart = time;
      channel.port2.postMessage(0);
      if (window.recording) requestAnimationFrame(record);
    });
  })()`);

  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let step = 1; step <= moves; step += 1) {
    await page.mouse.move(
      from.x + (distance.x * step) / moves,
      from.y + (distance.y * step) / moves,
    );
    await new Promise((resolve) => setTimeout(resolve, 16));
  }
  await page.mouse.up();

  const { times, work } = await page.evaluate(() => {
    const recorder = window as unknown as {
      frameTimes: number[];
      frameWork: number[];
      recording: boolean;
    };
    recorder.recording = false;
    return { times: recorder.frameTimes, work: recorder.frameWork };
  });
  const deltas = times
    .slice(1)
    .map((time, index) => time - times[index]!)
    .sort((a, b) => a - b);
  const workSorted = [...work].sort((a, b) => a - b);
  return {
    frames: deltas.length,
    medianMs: percentile(deltas, 50),
    p95Ms: percentile(deltas, 95),
    workMedianMs: percentile(workSorted, 50),
    workP95Ms: percentile(workSorted, 95),
  };
}
