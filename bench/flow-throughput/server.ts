/**
 * The ScimFlow server of the flow-throughput benchmark, run as a child process so that its
 * memory and CPU are its own. It listens on 127.0.0.1, prints `READY {json}`, and reads commands
 * from stdin, one per line:
 *
 *   PUBLISH <url>   publishes and enables the benchmark flow, whose HTTP step posts to <url>
 *   REPORT          prints `REPORT {json}`: the finish time of each succeeded execution
 *   STOP            closes the server and exits
 *
 * Every BENCH_SAMPLE_MS (default 1,000) it prints `SAMPLE {json}` with RSS, heap, the count of
 * finished executions and the process's CPU time so far (user + system, microseconds).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { createApp, defaultConfig } from '@scimflow/server';
import { benchFlow } from './flow.js';

const TOKEN = 'bench-scim-token-8c1f';
const SAMPLE_MS = Number(process.env.BENCH_SAMPLE_MS ?? 1_000);

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scimflow-flow-bench-'));
  const app = await createApp(
    defaultConfig({
      port: 0,
      dataDir,
      adminPassword: crypto.randomBytes(12).toString('hex'),
      defaultEndpoint: { bearerToken: TOKEN },
      webDistDir: path.join(dataDir, 'no-web-build'),
      logLevel: process.env.LOG_LEVEL ?? 'warn',
    }),
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { db } = app.scimflow;

  const finishedCount = async () => {
    const row = await db
      .selectFrom('executions')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('status', '=', 'succeeded')
      .where('test', '=', 0)
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  };

  const sampler = setInterval(() => {
    void finishedCount().then((finished) => {
      const memory = process.memoryUsage();
      const cpu = process.cpuUsage();
      const sample = {
        at: Date.now(),
        rss: memory.rss,
        heapUsed: memory.heapUsed,
        finished,
        cpuMicros: cpu.user + cpu.system,
      };
      process.stdout.write(`SAMPLE ${JSON.stringify(sample)}\n`);
    });
  }, SAMPLE_MS);

  const commands = readline.createInterface({ input: process.stdin });
  commands.on('line', (line) => {
    void handle(line).catch((error: unknown) => {
      process.stderr.write(`bench server command "${line}" failed: ${String(error)}\n`);
      process.exit(1);
    });
  });

  async function handle(line: string): Promise<void> {
    const [command, argument] = line.trim().split(' ', 2);
    if (command === 'PUBLISH') {
      const now = new Date().toISOString();
      const id = crypto.randomUUID();
      const document = JSON.stringify(benchFlow(argument!));
      await db
        .insertInto('flows')
        .values({
          id,
          name: 'Bench',
          name_lower: 'bench',
          description: '',
          enabled: 1,
          draft: document,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await db
        .insertInto('flow_versions')
        .values({
          flow_id: id,
          version: 1,
          document,
          note: 'bench',
          published_by: 'bench',
          published_at: now,
        })
        .execute();
      process.stdout.write('PUBLISHED\n');
      return;
    }

    if (command === 'REPORT') {
      const rows = await db
        .selectFrom('executions')
        .select(['resource_display', 'finished_at'])
        .where('status', '=', 'succeeded')
        .where('test', '=', 0)
        .execute();
      const failed = await db
        .selectFrom('executions')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('status', '=', 'failed')
        .executeTakeFirst();
      const finished = Object.fromEntries(
        rows.map((row) => [row.resource_display, row.finished_at]),
      );
      const report = { finished, failed: Number(failed?.count ?? 0) };
      process.stdout.write(`REPORT ${JSON.stringify(report)}\n`);
      return;
    }

    if (command === 'STOP') {
      clearInterval(sampler);
      commands.close();
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    }
  }

  const usersUrl = `${app.scimflow.publicUrl()}/scim/v2/default/Users`;
  process.stdout.write(`READY ${JSON.stringify({ usersUrl, token: TOKEN })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench server failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
