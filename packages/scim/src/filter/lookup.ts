import type { FilterExpression } from './ast.js';

export interface EqualityLookup {
  attribute: 'userName' | 'externalId' | 'id' | 'displayName' | 'emails.value';
  value: string | number | boolean;
  caseExact: boolean;
}

// TODO: stub while the implementation lands.
export function findEqualityLookup(_filter: FilterExpression): EqualityLookup | undefined {
  return undefined;
}
