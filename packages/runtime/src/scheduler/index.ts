export * from './clock.js';
export * from './memory-store.js';
export * from './scheduler.js';
export * from './types.js';
