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
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  process.exit(code ?? 1);
});
