import { scimErrors } from '../errors.js';
import type { FilterExpression } from './ast.js';

// TODO: stub while the implementation lands.
export function parseFilter(_text: string): FilterExpression {
  throw scimErrors.notImplemented('parseFilter is not implemented yet');
}
