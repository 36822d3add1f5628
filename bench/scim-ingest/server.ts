/**
 * The server side of the SCIM ingest benchmark, run as a child process so the load generator
 * does not share its event loop. Starts ScimFlow on a temporary SQLite folder with two seeded
 * endpoints and a bare Fastify app, prints one `READY <json>` line, and stops on SIGTERM.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { createApp, defaultConfig, importUsers } from '@scimflow/server';
import { addFloorRoute } from './floor-route.js';

const LARGE_USERS = Number(process.env.BENCH_LARGE_USERS ?? 100_000);
const SMALL_USERS = 1_000;
const PATCH_IDS = 2_000;

function seedUser(prefix: string, index: number) {
  const userName = `${prefix}-${index}@example.org`;
  return {
    userName,
    externalId: `ext-${prefix}-${index}`,
    name: { givenName: 'Bench', familyName: `User ${index}` },
    emails: [{ value: userName, type: 'work', primary: true }],
  };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scimflow-bench-'));
const app = await createApp(
  defaultConfig({
    port: 0,
    dataDir,
    adminPassword: crypto.randomBytes(16).toString('hex'),
    webDistDir: path.join(dataDir, 'no-web-build'),
    // Warnings and errors only, because a per-request info line would dominate the cost.
    logLevel: 'warn',
    // BENCH_RUNTIME=off measures the SCIM path without the flow runtime waking on each commit.
    ...(process.env.BENCH_RUNTIME === 'off' ? { runtime: { enabled: false } } : {}),
  }),
);

const { endpoints, db } = app.scimflow;
const large = await endpoints.createEndpoint('large', 'Large');
const small = await endpoints.createEndpoint('small', 'Small');
const floor = await endpoints.createEndpoint('floor', 'Floor');

const seedStarted = performance.now();
const largeIds = await importUsers(
  db,
  large.endpoint.id,
  Array.from({ length: LARGE_USERS }, (_, i) => seedUser('large', i)),
);
const seedSeconds = (performance.now() - seedStarted) / 1000;
await importUsers(
  db,
  small.endpoint.id,
  Array.from({ length: SMALL_USERS }, (_, i) => seedUser('small', i)),
);

// The seed's one large transaction leaves tens of MB in the WAL. Copying them back now keeps
// that one-time checkpoint out of the first measurement.
await db.connection().execute(async () => app.scimWrites.sqlite.pragma('wal_checkpoint(TRUNCATE)'));

await app.listen({ host: '127.0.0.1', port: 0 });

// The bare app returns the JSON of the SCIM routes, without storage, auth or parsing rules.
const sampleUser = await app.inject({
  method: 'GET',
  url: `/scim/v2/large/Users/${largeIds[0]}`,
  headers: { authorization: `Bearer ${large.secrets.bearerToken}` },
});
const sampleList = await app.inject({
  method: 'GET',
  url: `/scim/v2/large/Users?filter=${encodeURIComponent('userName eq "large-0@example.org"')}`,
  headers: { authorization: `Bearer ${large.secrets.bearerToken}` },
});
const bare = Fastify({ logger: false });
bare.post('/Users', async (_request, reply) =>
  reply.status(201).type('application/scim+json').send(sampleUser.body),
);
bare.get('/Users', async (_request, reply) =>
  reply.type('application/scim+json').send(sampleList.body),
);
// SCIM clients send application/scim+json, which Fastify's default parser does not read.
bare.addContentTypeParser(
  'application/scim+json',
  { parseAs: 'string' },
  (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  },
);
addFloorRoute(bare, app, floor.endpoint);
await bare.listen({ host: '127.0.0.1', port: 0 });

const scimBase = app.scimflow.publicUrl();
const bareAddress = bare.server.address() as { port: number };
process.stdout.write(
  'READY ' +
    JSON.stringify({
      largeUrl: `${scimBase}/scim/v2/large`,
      smallUrl: `${scimBase}/scim/v2/small`,
      largeToken: large.secrets.bearerToken,
      smallToken: small.secrets.bearerToken,
      bareUrl: `http://127.0.0.1:${bareAddress.port}`,
      largeUsers: LARGE_USERS,
      smallUsers: SMALL_USERS,
      seedSeconds,
      patchIds: largeIds.slice(0, PATCH_IDS),
    }) +
    '\n',
);

process.on('SIGTERM', () => {
  void Promise.all([app.close(), bare.close()]).finally(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
});
