import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { AdminApiError, AdminClient } from './admin-client.js';
import { runValidate, UsageError } from './commands/flows-validate.js';
import { withFlowListAdvice, withRenameAdvice } from './commands/flow-advice.js';
import {
  exportFlow,
  importDocument,
  listFlows,
  publishFlow,
  PublishAfterImportError,
  readFlowFile,
} from './commands/flows-remote.js';
import { runReplay } from './commands/replay.js';
import { replayIntoNewEndpoints } from './commands/replay-new-endpoints.js';
import { startDemo } from './demo/run-demo.js';
import { formatProblem } from './problems.js';

const USAGE = `Usage: scimflow <command> [options]

Commands:
  flows list                         list the flows on the server, with their ids
  flows export <id>                  print a flow as JSON (credentials by name, no secrets)
  flows import <file> [--publish]    import a flow file; --publish also publishes and enables it
                      [--name <n>] [--note <text>]
  flows publish <id> [--note <text>] publish a flow's draft as a new version and enable it
  flows validate <file>...           check flow files offline; exit code 1 on errors
  demo [--port 3000] [--test-port 4010] [--data-dir data/demo]
                                     start ScimFlow beside the local GitHub and Google test
                                     servers with the example flows and recorded traffic
  replay <file|folder> --endpoint <url> [--token <t>] [--basic <user:password>]
                      [--api-key <k>] [--legacy-endpoint <url>]
                                     send recorded SCIM traffic and compare each response
  replay <file|folder> --new-endpoints
                                     replay each case into a new endpoint created on the server

Server options (flows list, export, import, replay --new-endpoints):
  --url <url>         ScimFlow's address (env SCIMFLOW_URL, default http://127.0.0.1:3000)
  --user <name>       admin user name (default admin)
  --password <p>      admin password (env SCIMFLOW_ADMIN_PASSWORD)
`;

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      publish: { type: 'boolean', default: false },
      name: { type: 'string' },
      note: { type: 'string' },
      endpoint: { type: 'string' },
      'legacy-endpoint': { type: 'string' },
      token: { type: 'string' },
      basic: { type: 'string' },
      'api-key': { type: 'string' },
      'new-endpoints': { type: 'boolean', default: false },
      port: { type: 'string' },
      'test-port': { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, subcommand, ...rest] = positionals;

  if (values.help) {
    out(USAGE);
    return 0;
  }
  if (!command) throw new UsageError('Name a command.');

  if (command === 'replay') {
    const source = subcommand;
    if (source && values['new-endpoints']) {
      const client = await signIn(values);
      let failed = 0;
      for (const outcome of await replayIntoNewEndpoints(client, source)) {
        if (!outcome.passed) failed++;
        out(
          outcome.passed
            ? `pass  ${outcome.name} (endpoint ${outcome.endpoint})`
            : `FAIL  ${outcome.name} (endpoint ${outcome.endpoint}): step ${outcome.failedStep}: ${outcome.reason}`,
        );
      }
      return failed > 0 ? 1 : 0;
    }
    if (!source || !values.endpoint) {
      throw new UsageError('replay needs a file or folder and --endpoint <url>.');
    }
    return runReplay(
      source,
      {
        endpoint: values.endpoint,
        legacyEndpoint: values['legacy-endpoint'],
        token: values.token,
        basic: values.basic,
        apiKey: values['api-key'],
      },
      out,
    );
  }

  if (command === 'demo') {
    await runDemoUntilStopped({
      appPort: parsePort(values.port ?? '3000', '--port'),
      testServersPort: parsePort(values['test-port'] ?? '4010', '--test-port'),
      dataDir: resolve(values['data-dir'] ?? 'data/demo'),
    });
    return 0;
  }

  if (command !== 'flows') throw new UsageError(`Unknown command "${command}".`);
  if (subcommand === 'validate') return runValidate(rest, out);
  if (subcommand === 'import') return runImport(rest[0], values);

  const client = await signIn(values);
  switch (subcommand) {
    case 'list':
      await listFlows(client, out);
      return 0;
    case 'export': {
      const id = rest[0];
      if (!id) throw new UsageError('flows export needs a flow id (see flows list).');
      const exported = await exportFlow(client, id).catch((error: unknown) => {
        throw withFlowListAdvice(error, id);
      });
      out(JSON.stringify(exported, null, 2));
      return 0;
    }
    case 'publish': {
      const id = rest[0];
      if (!id) throw new UsageError('flows publish needs a flow id (see flows list).');
      const { version, unchanged } = await publishFlow(
        client,
        id,
        values.note ?? 'Published from the command line',
      ).catch((error: unknown) => {
        throw withFlowListAdvice(error, id);
      });
      out(
        unchanged
          ? `Flow ${id} has no changes since version ${version}, so no version was created; it is enabled`
          : `Published flow ${id} as version ${version}; it is enabled`,
      );
      return 0;
    }
    default:
      throw new UsageError(`Unknown flows command "${subcommand ?? ''}".`);
  }
}

/** Runs `flows import`. It reads the file before signing in, so a wrong path fails without a server. */
async function runImport(
  file: string | undefined,
  values: {
    url?: string;
    user?: string;
    password?: string;
    name?: string;
    note?: string;
    publish?: boolean;
  },
): Promise<number> {
  if (!file) throw new UsageError('flows import needs a flow file.');
  const document = await readFlowFile(file);
  const name = values.name ?? (document as { name?: unknown } | null)?.name;

  const client = await signIn(values);
  const { flow, version } = await importDocument(client, document, file, {
    name: values.name,
    note: values.note,
    publish: values.publish ?? false,
  }).catch((error: unknown) => {
    throw withRenameAdvice(error, typeof name === 'string' ? name : file);
  });
  out(
    version
      ? `Imported "${flow.draft.name}" as ${flow.id}, published version ${version}`
      : `Imported "${flow.draft.name}" as ${flow.id} (draft)`,
  );
  return 0;
}

function parsePort(text: string, flag: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UsageError(`${flag} must be a port number from 1 to 65535, got "${text}".`);
  }
  return port;
}

async function runDemoUntilStopped(options: {
  appPort: number;
  testServersPort: number;
  dataDir: string;
}): Promise<void> {
  const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const demo = await startDemo({
    ...options,
    repositoryRoot,
    adminPassword: process.env.SCIMFLOW_ADMIN_PASSWORD,
    out,
  });
  await new Promise<void>((resolveStop) => {
    let stopping = false;
    const stop = () => {
      // Ctrl+C in a terminal signals the whole process group, and bin/scimflow.mjs forwards the
      // signal too, so it arrives twice. The handler stays, because a second SIGINT without one
      // would end this process before the server whose log it writes has stopped.
      if (stopping) return;
      stopping = true;
      out('Stopping the demo');
      demo.stop().then(resolveStop, resolveStop);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

async function signIn(values: { url?: string; user?: string; password?: string }) {
  const password = values.password ?? process.env.SCIMFLOW_ADMIN_PASSWORD;
  if (!password) {
    throw new UsageError('Pass --password or set SCIMFLOW_ADMIN_PASSWORD to sign in to ScimFlow.');
  }
  return AdminClient.signIn({
    url: values.url ?? process.env.SCIMFLOW_URL ?? 'http://127.0.0.1:3000',
    username: values.user ?? 'admin',
    password,
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    if (error instanceof PublishAfterImportError) {
      process.stderr.write(`${error.message}\n`);
      reportApiError(error.cause);
      process.stderr.write(
        `Fix the problems above (a flow's credentials must exist on the server under the names it uses), then run: scimflow flows publish ${error.flow.id}\n`,
      );
      process.exitCode = 1;
      return;
    }
    if (error instanceof AdminApiError) {
      reportApiError(error);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);

function reportApiError(error: unknown): void {
  if (!(error instanceof AdminApiError)) {
    process.stderr.write(`${(error as Error).message}\n`);
    return;
  }
  process.stderr.write(`ScimFlow responded ${error.status} ${error.code}: ${error.message}\n`);
  for (const problem of (error.problems ?? []) as Parameters<typeof formatProblem>[0][]) {
    process.stderr.write(`  ${formatProblem(problem)}\n`);
  }
}
