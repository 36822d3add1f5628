export * from './case-file.js';
export * from './match.js';
export * from './run-case.js';
