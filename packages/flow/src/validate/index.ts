export * from './context.js';
export * from './validate.js';
