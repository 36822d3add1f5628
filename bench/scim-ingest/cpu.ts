/**
 * CPU time the server process spends per request, for the bare route and the SCIM routes of
 * the ingest benchmark. Unlike requests/s, CPU time per request barely moves with the load of
 * other processes on the machine, so it compares two commits on a shared machine.
 *
 *   node --conditions=@scimflow/source --import tsx scim-ingest/cpu.ts
 *   (BENCH_REQUESTS=4000, BENCH_CONNECTIONS=10, BENCH_LARGE_USERS=100000, BENCH_RUNTIME=off,
 *    BENCH_ROUTES=healthz,post,patch,filter to skip the others, BENCH_PROFILE_DIR=<folder>)
 *
 * The server runs in a child process; its user+system CPU time comes from /proc/<pid>/stat
 * (Linux only, 10 ms ticks) before and after a fixed number of requests sent by autocannon.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import autocannon from 'autocannon';

interface Ready {
  largeUrl: string;
  largeToken: string;
  bareUrl: string;
  largeUsers: number;
  patchIds: string[];
}

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const TICKS_PER_SECOND = 100;
const ROUTES = new Set((process.env.BENCH_ROUTES ?? 'healthz,post,patch,filter').split(','));

/** Returns the user+system CPU time of a process in milliseconds (fields 14 and 15 of stat). */
function cpuMillis(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

async function startServer(): Promise<{ ready: Ready; pid: number; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [
      // BENCH_PROFILE_DIR=<folder> writes a CPU profile of the server for inspection.
      ...(process.env.BENCH_PROFILE_DIR
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
        : []),
      '--conditions=@scimflow/source',
      '--import',
      'tsx',
      path.join(import.meta.dirname, 'server.ts'),
    ],
    { env: process.env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const stop = () => {
    if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGTERM');
  };
  process.on('exit', stop);

  const lines = readline.createInterface({ input: child.stdout });
  for await (const line of lines) {
    if (line.startsWith('READY ')) {
      return { ready: JSON.parse(line.slice(6)) as Ready, pid: child.pid!, stop };
    }
  }
  throw new Error(`the benchmark server exited with code ${child.exitCode} before it was ready`);
}

/** Sends `REQUESTS` requests and returns the server's CPU milliseconds per request. */
async function cpuPerRequest(pid: number, options: autocannon.Options): Promise<number> {
  // A short warm-up lets V8 optimise the route before the measured requests.
  await autocannon({ connections: CONNECTIONS, amount: Math.ceil(REQUESTS / 4), ...options });
  await new Promise((resolve) => setTimeout(resolve, 300));

  const before = cpuMillis(pid);
  const result = await autocannon({ connections: CONNECTIONS, amount: REQUESTS, ...options });
  // Work queued after the last response (request log flush, runtime dispatch) belongs to it.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const after = cpuMillis(pid);
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `The measured route returned ${result.non2xx} non-2xx responses and ${result.errors} errors; it must return 2xx, so check the server's log above`,
    );
  }
  return (after - before) / REQUESTS;
}

function scimHeaders(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' };
}

const { ready, pid, stop } = await startServer();
try {
  const basePath = new URL(ready.largeUrl).pathname;
  const idleBefore = cpuMillis(pid);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const idlePerSecond = cpuMillis(pid) - idleBefore;

  const bare = await cpuPerRequest(pid, {
    url: `${ready.bareUrl}/Users`,
    method: 'POST',
    body: '{}',
    headers: { 'content-type': 'application/json' },
  });

  // GET /healthz of the real app: the cost of its shared hooks, logger and metrics alone.
  const healthz = !ROUTES.has('healthz')
    ? undefined
    : await cpuPerRequest(pid, { url: `${new URL(ready.largeUrl).origin}/healthz` });

  let created = 0;
  const post = !ROUTES.has('post')
    ? undefined
    : await cpuPerRequest(pid, {
        url: ready.largeUrl,
        requests: [
          {
            method: 'POST',
            path: `${basePath}/Users`,
            headers: scimHeaders(ready.largeToken),
            setupRequest: (request) => {
              created += 1;
              const userName = `cpu-${process.pid}-${created}@example.org`;
              const user = {
                schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
                userName,
                name: { givenName: 'New', familyName: `User ${created}` },
                emails: [{ value: userName, primary: true }],
              };
              return { ...request, body: JSON.stringify(user) };
            },
          },
        ],
      });

  let patched = 0;
  const patch = !ROUTES.has('patch')
    ? undefined
    : await cpuPerRequest(pid, {
        url: ready.largeUrl,
        requests: [
          {
            method: 'PATCH',
            headers: scimHeaders(ready.largeToken),
            setupRequest: (request) => {
              patched += 1;
              const id = ready.patchIds[patched % ready.patchIds.length];
              const body = {
                schemas: [PATCH_OP],
                Operations: [{ op: 'replace', path: 'title', value: `cpu ${patched}` }],
              };
              return { ...request, path: `${basePath}/Users/${id}`, body: JSON.stringify(body) };
            },
          },
        ],
      });

  const filter = !ROUTES.has('filter')
    ? undefined
    : await cpuPerRequest(pid, {
        url: ready.largeUrl,
        requests: [
          {
            method: 'GET',
            headers: scimHeaders(ready.largeToken),
            setupRequest: (request) => {
              const index = Math.floor(Math.random() * ready.largeUsers);
              const value = encodeURIComponent(`userName eq "large-${index}@example.org"`);
              return { ...request, path: `${basePath}/Users?filter=${value}` };
            },
          },
        ],
      });

  const [one] = os.loadavg();
  console.log(
    `server CPU per request (${REQUESTS} requests, ${CONNECTIONS} connections, load average ${one?.toFixed(1)}, idle server ${idlePerSecond} ms CPU/s):`,
  );
  for (const [name, ms] of [
    ['bare Fastify POST /Users', bare],
    ['GET /healthz (real app)', healthz],
    ['POST /Users', post],
    ['PATCH /Users/{id}', patch],
    ['GET userName filter', filter],
  ] as const) {
    if (ms === undefined) continue;
    console.log(
      `  ${name.padEnd(26)} ${ms.toFixed(3)} ms  (the bare route costs ${((bare / ms) * 100).toFixed(0)}% of this)`,
    );
  }
} finally {
  stop();
}
