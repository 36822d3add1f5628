import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { generateGithubToken } from './github/state.js';
import { seedDemo, type DemoCredentials } from './demo-seed.js';
import { startTestServers, type TestServers } from './start.js';

const usage = `Usage: pnpm --filter @scimflow/testservers start [--port N] [--out DIR]

Starts the GitHub, Google and HTTP test servers on 127.0.0.1 and seeds the demo fixtures.
  --port N    TCP port (default 4010, or TESTSERVERS_PORT)
  --out DIR   directory for the service-account key and credentials files
              (default: TESTSERVERS_OUT or <tmp>/scimflow-testservers)
`;

function describeServers(servers: TestServers, credentials: DemoCredentials): string {
  return `ScimFlow test servers on ${servers.origin}
  state page          ${servers.origin}/
  GitHub baseUrl      ${servers.github.baseUrl}
  GitHub org / token  acme / ${credentials.githubToken}
  Google token_uri    ${servers.google.tokenUri}
  Google API root     ${servers.google.rootUrl}  (the Directory and Sheets base URL of a ScimFlow credential)
  Google admin (sub)  admin@example.com
  service-account key ${credentials.serviceAccountKeyFile}
  spreadsheet id      ${credentials.spreadsheetId} (tab "Roster")
  HTTP target         ${servers.http.baseUrl}
Stop with Ctrl+C.
`;
}

async function main(): Promise<void> {
  // pnpm passes a `--` separator through to the script, so drop it before parsing.
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: { port: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help === true) {
    process.stdout.write(usage);
    return;
  }

  const portText = values.port ?? process.env.TESTSERVERS_PORT ?? '4010';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(
      `Invalid port ${JSON.stringify(portText)}: expected an integer from 0 to 65535`,
    );
  }

  const outDir = resolve(
    values.out ?? process.env.TESTSERVERS_OUT ?? join(tmpdir(), 'scimflow-testservers'),
  );
  mkdirSync(outDir, { recursive: true });

  const servers = await startTestServers({
    port,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
  });
  const githubToken = generateGithubToken('ghp_');
  const credentials = seedDemo(servers, outDir, githubToken);
  servers.onReset(() => {
    seedDemo(servers, outDir, githubToken);
  });
  writeFileSync(join(outDir, 'credentials.json'), `${JSON.stringify(credentials, null, 2)}\n`, {
    mode: 0o600,
  });
  process.stdout.write(describeServers(servers, credentials));

  const stop = () => {
    process.stdout.write('Stopping the test servers\n');
    servers.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Test servers failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
