export * from './document.js';
export * from './events.js';
export * from './expressions/index.js';
export * from './migrations/index.js';
export * from './operations/index.js';
export * from './parse.js';
export * from './problems.js';
export * from './validate/index.js';
