/**
 * SCIM ingest benchmark: requests per second and p50/p99 latency of POST /Users, PATCH
 * /Users/{id} and GET /Users?filter=userName eq "..." on an endpoint seeded with 100,000
 * users, beside a bare Fastify route that returns the same JSON, and the filter lookup at 1,000
 * against 100,000 users. Prints the figures and the machine; asserts nothing.
 *
 *   pnpm --filter @scimflow/bench scim-ingest        (BENCH_SECONDS=5, BENCH_CONNECTIONS=10)
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import autocannon from 'autocannon';

interface Ready {
  largeUrl: string;
  smallUrl: string;
  largeToken: string;
  smallToken: string;
  bareUrl: string;
  largeUsers: number;
  smallUsers: number;
  seedSeconds: number;
  patchIds: string[];
}

interface Figure {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

async function startServer(): Promise<{ ready: Ready; stop: () => void }> {
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
    {
      env: process.env,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const stop = () => {
    if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGTERM');
  };

  // The child is stopped however this process ends, including on an uncaught error.
  process.on('exit', stop);

  const lines = readline.createInterface({ input: child.stdout });
  for await (const line of lines) {
    if (line.startsWith('READY ')) return { ready: JSON.parse(line.slice(6)) as Ready, stop };
  }
  throw new Error(`the benchmark server exited with code ${child.exitCode} before it was ready`);
}

async function measure(name: string, options: autocannon.Options): Promise<Figure> {
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options });
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

function scimHeaders(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' };
}

/** Returns a setupRequest that looks up a random seeded user by userName under `basePath`. */
function filterPath(
  basePath: string,
  prefix: string,
  count: number,
): (request: autocannon.Request) => autocannon.Request {
  return (request) => {
    const index = Math.floor(Math.random() * count);
    const filter = encodeURIComponent(`userName eq "${prefix}-${index}@example.org"`);
    return { ...request, path: `${basePath}/Users?filter=${filter}` };
  };
}

function printMachine(): void {
  const cpus = os.cpus();
  console.log(
    `machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${os.platform()} ${os.release()}`,
  );
  console.log(
    `load: ${CONNECTIONS} connections, ${SECONDS} s per measurement, autocannon in a separate process from the server`,
  );
  printLoadAverage('before');
}

// Other processes on the machine change every figure, so the run reports how busy it was.
function printLoadAverage(when: string): void {
  const [one, five] = os.loadavg();
  console.log(
    `load average ${when}: ${one?.toFixed(2)} (1 min), ${five?.toFixed(2)} (5 min) on ${os.cpus().length} cores`,
  );
}

function printTable(figures: Figure[]): void {
  console.log('');
  console.log(
    'measurement'.padEnd(44) +
      'req/s'.padStart(10) +
      'p50 ms'.padStart(9) +
      'p99 ms'.padStart(9) +
      'non-2xx'.padStart(9) +
      'errors'.padStart(8),
  );
  for (const f of figures) {
    console.log(
      f.name.padEnd(44) +
        f.requestsPerSecond.toFixed(0).padStart(10) +
        String(f.p50).padStart(9) +
        String(f.p99).padStart(9) +
        String(f.non2xx).padStart(9) +
        String(f.errors).padStart(8),
    );
  }
}

async function main(): Promise<void> {
  printMachine();
  const { ready, stop } = await startServer();
  try {
    console.log(
      `seeded ${ready.largeUsers} users in ${ready.seedSeconds.toFixed(1)} s (one transaction, batched inserts)`,
    );

    const figures: Figure[] = [];
    // A request's `path` replaces the whole URL path in autocannon, so it carries the base path.
    const largePath = new URL(ready.largeUrl).pathname;
    const smallPath = new URL(ready.smallUrl).pathname;

    figures.push(
      await measure('bare Fastify POST /Users (same JSON)', {
        url: `${ready.bareUrl}/Users`,
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      }),
    );

    let created = 0;
    figures.push(
      await measure(`POST /Users (${ready.largeUsers} stored)`, {
        url: ready.largeUrl,
        requests: [
          {
            method: 'POST',
            path: `${largePath}/Users`,
            headers: scimHeaders(ready.largeToken),
            setupRequest: (request) => {
              created += 1;
              const userName = `new-${process.pid}-${created}@example.org`;
              return {
                ...request,
                body: JSON.stringify({
                  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
                  userName,
                  name: { givenName: 'New', familyName: `User ${created}` },
                  emails: [{ value: userName, primary: true }],
                }),
              };
            },
          },
        ],
      }),
    );

    let patched = 0;
    figures.push(
      await measure(`PATCH /Users/{id} (${ready.largeUsers} stored)`, {
        url: ready.largeUrl,
        requests: [
          {
            method: 'PATCH',
            headers: scimHeaders(ready.largeToken),
            setupRequest: (request) => {
              patched += 1;
              const id = ready.patchIds[patched % ready.patchIds.length];
              // Every PATCH sets a new title, so each one is a real change with an event.
              const body = {
                schemas: [PATCH_OP],
                Operations: [{ op: 'replace', path: 'title', value: `Title ${patched}` }],
              };
              return { ...request, path: `${largePath}/Users/${id}`, body: JSON.stringify(body) };
            },
          },
        ],
      }),
    );

    figures.push(
      await measure('bare Fastify GET /Users (same JSON)', { url: `${ready.bareUrl}/Users` }),
    );
    const smallFigure = await measure(`GET userName filter (${ready.smallUsers} stored)`, {
      url: ready.smallUrl,
      requests: [
        {
          method: 'GET',
          headers: scimHeaders(ready.smallToken),
          setupRequest: filterPath(smallPath, 'small', ready.smallUsers),
        },
      ],
    });
    const largeFigure = await measure(`GET userName filter (${ready.largeUsers} stored)`, {
      url: ready.largeUrl,
      requests: [
        {
          method: 'GET',
          headers: scimHeaders(ready.largeToken),
          setupRequest: filterPath(largePath, 'large', ready.largeUsers),
        },
      ],
    });
    figures.push(smallFigure, largeFigure);

    printTable(figures);
    printLoadAverage('after');

    const bare = figures[0]!.requestsPerSecond;
    const post = figures[1]!.requestsPerSecond;
    console.log('');
    console.log(
      `POST /Users at ${((post / bare) * 100).toFixed(0)}% of the bare route's requests/s (target: at least 35%)`,
    );
    console.log(
      `filter lookup at ${ready.largeUsers} vs ${ready.smallUsers} users: ${(largeFigure.requestsPerSecond / smallFigure.requestsPerSecond).toFixed(2)}x the requests/s (1.00 = flat)`,
    );
  } finally {
    stop();
  }
}

await main();
