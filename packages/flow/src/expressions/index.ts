export * from './compile.js';
export * from './errors.js';
export * from './evaluate.js';
export * from './fields.js';
export * from './helpers.js';
export * from './resolve-config.js';
export * from './scope.js';
export * from './template.js';
