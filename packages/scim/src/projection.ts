import type { ResourceTypeName } from './urns.js';

export interface ProjectionOptions {
  attributes?: string | undefined;
  excludedAttributes?: string | undefined;
}

// TODO: stub while the implementation lands.
export function projectResource(
  resource: object,
  _options: ProjectionOptions,
  _resourceType: ResourceTypeName,
): Record<string, unknown> {
  return { ...resource };
}
