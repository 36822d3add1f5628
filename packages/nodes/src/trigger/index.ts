import { scimTrigger } from './scim-trigger.js';

export * from './scim-trigger.js';

/** Every trigger node type. */
export const triggerNodes = [scimTrigger] as const;
