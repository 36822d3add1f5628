export * from './document.js';
export * from './events.js';
