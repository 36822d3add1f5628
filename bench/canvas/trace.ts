/** One event of a Chrome trace (the Trace Event Format); timestamps and durations in µs. */
export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  id?: string;
  args?: { name?: string; data?: Record<string, unknown> };
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: CallFrame;
}

/** Finds the renderer main thread that did the most work: the tab's, not about:blank's. */
export function findMainThread(events: readonly TraceEvent[]): { pid: number; tid: number } {
  const busy = new Map<string, number>();
  for (const event of events) {
    if (event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
      busy.set(`${event.pid}:${event.tid}`, 0);
  }
  for (const event of events) {
    const key = `${event.pid}:${event.tid}`;
    if (event.ph === 'X' && busy.has(key)) busy.set(key, busy.get(key)! + (event.dur ?? 0));
  }
  const [key] = [...busy].sort((a, b) => b[1] - a[1])[0] ?? [];
  if (!key) throw new Error('The trace has no CrRendererMain thread');
  const [pid, tid] = key.split(':').map(Number);
  return { pid: pid!, tid: tid! };
}

/** Returns the trace time of the tab's last `navigationStart`, where `performance.now()` starts. */
export function findNavigationStart(events: readonly TraceEvent[], pid: number): number {
  const starts = events
    .filter((event) => event.pid === pid && event.name === 'navigationStart')
    .map((event) => event.ts);
  if (starts.length === 0) throw new Error('The trace has no navigationStart mark');
  return Math.max(...starts);
}

/** Sums the self time of the complete events of one thread by name, within [from, to]. */
function selfTimeByName(events: readonly TraceEvent[], from: number, to: number) {
  const sorted = events
    .filter(
      (event) => event.ph === 'X' && event.dur !== undefined && event.ts < to && event.ts >= from,
    )
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const totals = new Map<string, number>();
  const stack: { name: string; end: number }[] = [];
  let previous = from;

  const charge = (until: number) => {
    const top = stack[stack.length - 1];
    if (top) totals.set(top.name, (totals.get(top.name) ?? 0) + (until - previous));
    previous = until;
  };
  for (const event of sorted) {
    while (stack.length > 0 && stack[stack.length - 1]!.end <= event.ts) {
      charge(stack[stack.length - 1]!.end);
      stack.pop();
    }
    charge(event.ts);
    stack.push({ name: event.name, end: event.ts + event.dur! });
  }
  while (stack.length > 0) {
    charge(stack[stack.length - 1]!.end);
    stack.pop();
  }
  return totals;
}

/** Sums the self and total time of each JavaScript function in V8's samples within [from, to]. */
export function profileTimes(events: readonly TraceEvent[], pid: number, from: number, to: number) {
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const profiles = new Map<string, { nodes: Map<number, ProfileNode>; time: number }>();

  for (const event of events) {
    if (event.pid !== pid) continue;
    const data = event.args?.data as
      | {
          startTime?: number;
          cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
          timeDeltas?: number[];
        }
      | undefined;
    if (event.name === 'Profile' && event.id) {
      profiles.set(event.id, { nodes: new Map(), time: data?.startTime ?? event.ts });
      continue;
    }
    if (event.name !== 'ProfileChunk' || !event.id || !data) continue;
    const profile = profiles.get(event.id);
    if (!profile) continue;
    for (const node of data.cpuProfile?.nodes ?? []) profile.nodes.set(node.id, node);

    const samples = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    for (let index = 0; index < samples.length; index += 1) {
      const delta = deltas[index] ?? 0;
      profile.time += delta;
      if (profile.time < from || profile.time > to) continue;
      const next = deltas[index + 1] ?? 0;
      const weight = Math.max(0, next);

      let node = profile.nodes.get(samples[index]!);
      const seen = new Set<string>();
      if (node)
        self.set(frameName(node.callFrame), (self.get(frameName(node.callFrame)) ?? 0) + weight);
      while (node) {
        const name = frameName(node.callFrame);
        if (!seen.has(name)) {
          seen.add(name);
          total.set(name, (total.get(name) ?? 0) + weight);
        }
        node = node.parent === undefined ? undefined : profile.nodes.get(node.parent);
      }
    }
  }
  return { self, total };
}

function frameName(frame: CallFrame): string {
  const file = frame.url?.split('/').pop() ?? '';
  const where = file ? ` ${file}:${frame.lineNumber + 1}` : '';
  return `${frame.functionName || '(anonymous)'}${where}`;
}

function top(totals: Map<string, number>, count: number, indent = '  '): string {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, micros]) => `${indent}${(micros / 1000).toFixed(1).padStart(8)} ms  ${name}`)
    .join('\n');
}

/**
 * Summarizes the main thread of the tab from navigation until `untilMs` (milliseconds after
 * navigation): self time by trace event, the long tasks in order, and the busiest functions.
 */
export function summarizeTrace(events: readonly TraceEvent[], untilMs: number): string {
  const { pid, tid } = findMainThread(events);
  const start = findNavigationStart(events, pid);
  const end = start + untilMs * 1000;
  const thread = events.filter((event) => event.pid === pid && event.tid === tid);

  const byName = selfTimeByName(thread, start, end);
  const busy = [...byName].reduce((sum, [, micros]) => sum + micros, 0);

  const tasks = thread
    .filter(
      (event) =>
        event.name === 'RunTask' &&
        event.ts >= start &&
        event.ts < end &&
        (event.dur ?? 0) >= 30_000,
    )
    .map((task) => {
      const inside = thread.filter(
        (event) => event.ts >= task.ts && event.ts < task.ts + task.dur! && event !== task,
      );
      const parts = top(selfTimeByName(inside, task.ts, task.ts + task.dur!), 4, '      ');
      return `  at ${((task.ts - start) / 1000).toFixed(0).padStart(5)} ms, ${(task.dur! / 1000).toFixed(0).padStart(4)} ms\n${parts}`;
    });

  const { self, total } = profileTimes(events, pid, start, end);
  return [
    `Main thread busy ${(busy / 1000).toFixed(0)} ms of ${untilMs.toFixed(0)} ms. Self time by trace event:`,
    top(byName, 15),
    'Tasks of 30 ms or more, with their largest parts:',
    ...tasks,
    'JavaScript functions by self time:',
    top(self, 25),
    'JavaScript functions by total time:',
    top(total, 40),
  ].join('\n');
}
