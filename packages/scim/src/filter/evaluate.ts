import type { ResourceTypeName } from '../urns.js';
import type { FilterExpression } from './ast.js';

// TODO: stub while the implementation lands.
export function evaluateFilter(
  _filter: FilterExpression,
  _resource: object,
  _resourceType: ResourceTypeName,
): boolean {
  return false;
}
