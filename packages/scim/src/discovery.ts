import { ATTRIBUTE_CATALOGUE } from './catalogue/index.js';
import type {
  ResourceTypeDocument,
  SchemaDefinition,
  ServiceProviderConfig,
} from './schemas/discovery.js';
import { SCHEMAS } from './urns.js';

/** Settings of the ServiceProviderConfig document. */
export interface ServiceProviderConfigOptions {
  /** The maximum number of resources a list or filter response returns. Default 200. */
  maxResults?: number;
  /** A page that documents the service provider. */
  documentationUri?: string;
  /** The SCIM base URL, such as `https://host/scim/v2/acme`; sets `meta.location`. */
  baseUrl?: string;
}

/** The default `filter.maxResults`, a page size that every surveyed client (at most 100) fits in. */
const DEFAULT_MAX_RESULTS = 200;

/**
 * Builds the ServiceProviderConfig document (RFC 7643 §5). It advertises PATCH and filtering, but
 * no bulk, sort, ETags or password change. Clients authenticate by OAuth bearer token or HTTP Basic.
 */
export function serviceProviderConfig(
  options: ServiceProviderConfigOptions = {},
): ServiceProviderConfig {
  const config: ServiceProviderConfig = {
    schemas: [SCHEMAS.serviceProviderConfig],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: options.maxResults ?? DEFAULT_MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'Authentication with a bearer token in the Authorization header.',
        specUri: 'https://www.rfc-editor.org/rfc/rfc6750',
        primary: true,
      },
      {
        type: 'httpbasic',
        name: 'HTTP Basic',
        description: 'Authentication with a user name and password in the Authorization header.',
        specUri: 'https://www.rfc-editor.org/rfc/rfc7617',
      },
    ],
  };

  if (options.documentationUri !== undefined) config.documentationUri = options.documentationUri;
  if (options.baseUrl !== undefined) {
    config.meta = {
      resourceType: 'ServiceProviderConfig',
      location: `${trimSlash(options.baseUrl)}/ServiceProviderConfig`,
    };
  }
  return config;
}

/**
 * Builds the ResourceType documents (RFC 7643 §6): User, with the optional Enterprise User
 * extension, and Group. `baseUrl` is the SCIM base URL and sets each `meta.location`.
 */
export function resourceTypes(baseUrl: string): ResourceTypeDocument[] {
  const base = trimSlash(baseUrl);
  return [
    {
      schemas: [SCHEMAS.resourceType],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'User Account',
      schema: SCHEMAS.coreUser,
      schemaExtensions: [{ schema: SCHEMAS.enterpriseUser, required: false }],
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/User` },
    },
    {
      schemas: [SCHEMAS.resourceType],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'Group',
      schema: SCHEMAS.group,
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/Group` },
    },
  ];
}

/**
 * Builds the Schema documents served by `/Schemas` (RFC 7643 §7): User, Enterprise User and
 * Group, from {@link ATTRIBUTE_CATALOGUE}. `baseUrl` sets each `meta.location`.
 */
export function schemaDocuments(baseUrl: string): SchemaDefinition[] {
  const base = trimSlash(baseUrl);
  const schemas = [
    ATTRIBUTE_CATALOGUE.user,
    ATTRIBUTE_CATALOGUE.enterpriseUser,
    ATTRIBUTE_CATALOGUE.group,
  ];
  return schemas.map((schema) => ({
    schemas: [SCHEMAS.schema],
    ...structuredClone(schema),
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${schema.id}` },
  }));
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
