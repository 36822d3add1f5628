export interface AttributeChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

// TODO: stub while the implementation lands.
export function diffResources(_before: object | null, _after: object | null): AttributeChange[] {
  return [];
}
