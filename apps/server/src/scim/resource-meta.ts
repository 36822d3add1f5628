import type { EndpointRow } from '../endpoints/endpoint-store.js';

/** A stored row's fields needed to build `meta`. */
export interface StoredResource {
  id: string;
  resource: string;
  version: number;
  created: string;
  last_modified: string;
}

/** Returns the URL of a resource: `<public url>/scim/v2/<slug>/<Users|Groups>/<id>`. */
export function resourceLocation(
  publicUrl: string,
  endpoint: EndpointRow,
  collection: 'Users' | 'Groups',
  id: string,
): string {
  return `${publicUrl}/scim/v2/${endpoint.slug}/${collection}/${id}`;
}

/**
 * Builds the SCIM resource of a stored row, with `meta` (RFC 7643 section 3.1). A caller that
 * already parsed `row.resource` passes it as `resource`, which is copied, not changed.
 */
export function withMeta(
  row: StoredResource,
  resourceType: 'User' | 'Group',
  location: string,
  resource = JSON.parse(row.resource) as Record<string, unknown>,
): Record<string, unknown> {
  return {
    ...resource,
    id: row.id,
    meta: {
      resourceType,
      created: row.created,
      lastModified: row.last_modified,
      location,
      version: `W/"${row.version}"`,
    },
  };
}

/** Returns a copy of a resource without the attributes the server owns or never stores. */
export function storable(resource: Record<string, unknown>): Record<string, unknown> {
  const { meta: _meta, password: _password, ...rest } = resource;
  return rest;
}
