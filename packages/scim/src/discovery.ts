import type {
  ResourceTypeDocument,
  SchemaDefinition,
  ServiceProviderConfig,
} from './schemas/discovery.js';
import { SCHEMAS } from './urns.js';

export interface ServiceProviderConfigOptions {
  maxResults?: number;
  documentationUri?: string;
  baseUrl?: string;
}

// TODO: stub while the implementation lands.
export function serviceProviderConfig(
  options: ServiceProviderConfigOptions = {},
): ServiceProviderConfig {
  return {
    schemas: [SCHEMAS.serviceProviderConfig],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: options.maxResults ?? 200 },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [],
  };
}

export function resourceTypes(_baseUrl: string): ResourceTypeDocument[] {
  return [];
}

export function schemaDocuments(_baseUrl: string): SchemaDefinition[] {
  return [];
}
