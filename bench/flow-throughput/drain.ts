/**
 * Runtime drain benchmark: the flow runtime alone, without SCIM ingest beside it. It queues
 * BENCH_EVENTS (default 5,000) user creates with the runtime stopped, then starts the runtime and
 * times how long it takes to run every execution of the benchmark flow (trigger, transform, HTTP
 * request to a local HTTP test server), with the process's CPU time per execution. The HTTP test
 * server runs in this process, so its CPU time is part of the figure.
 *
 *   node --conditions=@scimflow/source --import tsx flow-throughput/drain.ts
 *
 * SCIMFLOW_WORKERS sets the worker count. It prints the figures and asserts nothing.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, defaultConfig } from '@scimflow/server';
import { startTestServers } from '@scimflow/testservers';
import { benchFlow } from './flow.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 5_000);
const TOKEN = 'bench-scim-token-8c1f';

async function main(): Promise<void> {
  const testServers = await startTestServers();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scimflow-drain-bench-'));
  const app = await createApp(
    defaultConfig({
      port: 0,
      dataDir,
      adminPassword: crypto.randomBytes(12).toString('hex'),
      defaultEndpoint: { bearerToken: TOKEN },
      webDistDir: path.join(dataDir, 'no-web-build'),
      logLevel: process.env.LOG_LEVEL ?? 'warn',
      runtime: {
        enabled: false,
        executionRetention: EVENTS + 1_000,
        eventRetention: EVENTS + 1_000,
      },
    }),
  );

  try {
    await app.ready();
    const { db } = app.scimflow;
    const now = new Date().toISOString();
    const flowId = crypto.randomUUID();
    const document = JSON.stringify(benchFlow(`${testServers.http.baseUrl}/hook`));
    await db
      .insertInto('flows')
      .values({
        id: flowId,
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
        flow_id: flowId,
        version: 1,
        document,
        note: 'bench',
        published_by: 'bench',
        published_at: now,
      })
      .execute();

    let next = 0;
    const client = async () => {
      while (next < EVENTS) {
        const userName = `drain-${next++}@example.org`;
        const response = await app.inject({
          method: 'POST',
          url: '/scim/v2/default/Users',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' },
          payload: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName },
        });
        if (response.statusCode !== 201)
          throw new Error(`SCIM create returned ${response.statusCode}`);
      }
    };
    await Promise.all(Array.from({ length: 32 }, client));

    const [load] = os.loadavg();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    app.flowRuntime.start();
    await app.flowRuntime.settled(600_000);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);

    const failed = await db
      .selectFrom('executions')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('status', '!=', 'succeeded')
      .executeTakeFirstOrThrow();
    console.log(
      `runtime drain: ${EVENTS} executions in ${seconds.toFixed(1)} s, ${(EVENTS / seconds).toFixed(0)} executions/s, CPU ${((cpu.user + cpu.system) / EVENTS).toFixed(0)} µs per execution (user ${(cpu.user / EVENTS).toFixed(0)}, system ${(cpu.system / EVENTS).toFixed(0)}), ${Number(failed.count)} not succeeded, workers ${process.env.SCIMFLOW_WORKERS ?? 'default'}, load average ${load?.toFixed(2)} before`,
    );
  } finally {
    await app.close();
    await testServers.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
