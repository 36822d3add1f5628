// The runtime thread's entry point. A worker thread does not inherit the main thread's
// `--import tsx`, so it registers tsx itself before loading the TypeScript sources.
import { register } from 'tsx/esm/api';

register();
await import('./thread-main.ts');
