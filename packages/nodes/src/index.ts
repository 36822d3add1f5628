export * from './define.js';
export * from './catalogue.js';
export * from './connectors/index.js';
export * from './credentials/index.js';
export * from './http/index.js';
export * from './logic/index.js';
export * from './trigger/index.js';
