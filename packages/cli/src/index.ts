export * from './admin-client.js';
export * from './commands/flows-remote.js';
export * from './commands/flows-validate.js';
export * from './commands/replay.js';
export * from './problems.js';
export * from './demo/run-demo.js';
export * from './commands/replay-new-endpoints.js';
