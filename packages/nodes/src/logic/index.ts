import { conditionNode } from './condition.js';
import { logNode } from './log.js';
import { stopNode } from './stop.js';
import { switchNode } from './switch.js';
import { transformNode } from './transform.js';

export * from './condition.js';
export * from './log.js';
export * from './stop.js';
export * from './switch.js';
export * from './transform.js';

/** Every logic and data node type. */
export const logicNodes = [conditionNode, switchNode, transformNode, stopNode, logNode] as const;
