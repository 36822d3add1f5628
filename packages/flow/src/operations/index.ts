export * from './apply.js';
export * from './types.js';
