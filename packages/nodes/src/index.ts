export * from './define.js';
export * from './catalogue.js';
export * from './logic/index.js';
export * from './trigger/index.js';
