#!/usr/bin/env node
// Starts the TypeScript entry point with the workspace's source condition, so the command runs
// from a checkout without a build step.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const entry = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'main.ts');
const child = spawn(
  process.execPath,
  [
    '--conditions=@scimflow/source',
    '--import',
    import.meta.resolve('tsx'),
    entry,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
// Forward stop signals, so stopping the command also stops what it started (the demo's server).
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
