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
const WARM_UP_SECONDS = 1;
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

async function startServer(
  extraEnv: Record<string, string> = {},
): Promise<{ ready: Ready; stop: () => void }> {
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
      env: { ...process.env, ...extraEnv },
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
  // One unmeasured second lets V8 optimise the route first, as it would be in a running server.
  await autocannon({ connections: CONNECTIONS, duration: WARM_UP_SECONDS, ...options });
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

/**
 * Measures POST /Users with a new userName on every request, on the SCIM endpoint at `baseUrl`
 * (the large endpoint when not given).
 */
function measurePost(ready: Ready, label: string, baseUrl = ready.largeUrl): Promise<Figure> {
  const basePath = new URL(baseUrl).pathname;
  let created = 0;
  return measure(label, {
    url: baseUrl,
    requests: [
      {
        method: 'POST',
        path: `${basePath}/Users`,
        headers: scimHeaders(ready.largeToken),
        setupRequest: (request) => {
          created += 1;
          const userName = `new-${process.pid}-${created}@example.org`;
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
}

/** Measures PATCH /Users/{id} over the first seeded users, each request a real change. */
function measurePatch(ready: Ready, label: string): Promise<Figure> {
  const largePath = new URL(ready.largeUrl).pathname;
  let patched = 0;
  return measure(label, {
    url: ready.largeUrl,
    requests: [
      {
        method: 'PATCH',
        headers: scimHeaders(ready.largeToken),
        setupRequest: (request) => {
          patched += 1;
          const id = ready.patchIds[patched % ready.patchIds.length];
          // A title never set before makes every PATCH a change that writes an event.
          const body = {
            schemas: [PATCH_OP],
            Operations: [{ op: 'replace', path: 'title', value: `${label} ${patched}` }],
          };
          return { ...request, path: `${largePath}/Users/${id}`, body: JSON.stringify(body) };
        },
      },
    ],
  });
}

/** Measures the userName equality filter on random seeded users of one endpoint. */
function measureFilter(url: string, token: string, prefix: string, users: number): Promise<Figure> {
  // A request's `path` replaces the whole URL path in autocannon, so it carries the base path.
  const basePath = new URL(url).pathname;
  return measure(`GET userName filter (${users} stored)`, {
    url,
    requests: [
      {
        method: 'GET',
        headers: scimHeaders(token),
        setupRequest: filterPath(basePath, prefix, users),
      },
    ],
  });
}

async function main(): Promise<void> {
  printMachine();
  const figures: Figure[] = [];

  const { ready, stop } = await startServer();
  let bare: Figure;
  let post: Figure;
  let floor: Figure;
  let smallFilter: Figure;
  let largeFilter: Figure;
  try {
    console.log(
      `seeded ${ready.largeUsers} users in ${ready.seedSeconds.toFixed(1)} s (one transaction, batched inserts)`,
    );

    bare = await measure('bare Fastify POST /Users (same JSON)', {
      url: `${ready.bareUrl}/Users`,
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    floor = await measurePost(
      ready,
      'floor of a durable create (see floor-route.ts)',
      `${ready.bareUrl}/floor`,
    );
    post = await measurePost(ready, `POST /Users (${ready.largeUsers} stored)`);
    figures.push(bare, floor, post);
    figures.push(await measurePatch(ready, `PATCH /Users/{id} (${ready.largeUsers} stored)`));

    figures.push(
      await measure('bare Fastify GET /Users (same JSON)', { url: `${ready.bareUrl}/Users` }),
    );
    smallFilter = await measureFilter(ready.smallUrl, ready.smallToken, 'small', ready.smallUsers);
    largeFilter = await measureFilter(ready.largeUrl, ready.largeToken, 'large', ready.largeUsers);
    figures.push(smallFilter, largeFilter);
  } finally {
    stop();
  }

  // The same writes on a server whose flow runtime is switched off show what the runtime's
  // wake-up after each commit costs the SCIM path.
  const withoutRuntime = await startServer({ BENCH_RUNTIME: 'off' });
  try {
    const ready2 = withoutRuntime.ready;
    figures.push(
      await measurePost(ready2, 'floor, flow runtime off', `${ready2.bareUrl}/floor`),
      await measurePost(ready2, `POST /Users, flow runtime off`),
    );
    figures.push(await measurePatch(ready2, `PATCH /Users/{id}, flow runtime off`));
  } finally {
    withoutRuntime.stop();
  }

  printTable(figures);
  printLoadAverage('after');

  console.log('');
  console.log(
    `POST /Users at ${((post.requestsPerSecond / bare.requestsPerSecond) * 100).toFixed(0)}% of the bare route's requests/s (target: at least 35%)`,
  );
  console.log(
    `floor of a durable create at ${((floor.requestsPerSecond / bare.requestsPerSecond) * 100).toFixed(0)}% of the bare route's requests/s, and POST /Users at ${((post.requestsPerSecond / floor.requestsPerSecond) * 100).toFixed(0)}% of the floor`,
  );
  console.log(
    `filter lookup at ${ready.largeUsers} vs ${ready.smallUsers} users: ${(largeFilter.requestsPerSecond / smallFilter.requestsPerSecond).toFixed(2)}x the requests/s (1.00 = flat)`,
  );
}

await main();
