import { z } from 'zod';
import type { CataloguedRoute } from './route-catalogue.js';
import type { RouteDoc } from './route-doc.js';

type JsonObject = Record<string, unknown>;

const ErrorSchema = z.object({
  error: z.object({
    code: z.string().meta({ description: 'Stable error code, such as flow_not_found.' }),
    message: z.string(),
    problems: z.array(z.unknown()).optional(),
  }),
});

/** Routes that need no admin session. */
const PUBLIC_ROUTES = new Set(['POST /api/session']);

/**
 * Builds the OpenAPI 3.1 document of the admin API from the catalogued routes under `/api`.
 * Bodies, parameters and responses come from the zod schemas that routes attach with
 * `documented()`, converted by zod's `z.toJSONSchema`. A route without them is listed with its
 * method and path only.
 */
export function buildOpenApiDocument(
  routes: readonly CataloguedRoute[],
  version: string,
): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  const apiRoutes = routes
    .filter((route) => route.url.startsWith('/api/'))
    .sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));

  for (const route of apiRoutes) {
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation(route);
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'ScimFlow admin API',
      version,
      description:
        'The JSON API of the designer. Sign in with POST /api/session; every other request sends the session cookie, and every request other than GET sends the x-csrf-token header.',
    },
    paths,
    components: {
      schemas: { Error: jsonSchema(ErrorSchema, 'output') },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'scimflow_session' },
        csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
      },
    },
  };
}

function operation(route: CataloguedRoute): JsonObject {
  const doc = route.doc;
  const key = `${route.method} ${route.url}`;
  const result: JsonObject = {
    summary: doc?.summary ?? key,
    tags: [doc?.tag ?? tagFromUrl(route.url)],
    parameters: [
      ...parameters(route.url, 'path', doc?.params),
      ...parameters(route.url, 'query', doc?.query),
    ],
    responses: responses(doc),
  };

  if (doc?.body) {
    result.requestBody = {
      required: true,
      content: { 'application/json': { schema: jsonSchema(doc.body, 'input') } },
    };
  }
  if (PUBLIC_ROUTES.has(key)) result.security = [];
  else if (route.method === 'GET') result.security = [{ session: [] }];
  else result.security = [{ session: [], csrf: [] }];
  return result;
}

/** Lists path or query parameters: from the zod object when given, else from the path. */
function parameters(url: string, location: 'path' | 'query', schema: z.ZodObject | undefined) {
  if (schema) {
    const properties = jsonSchema(schema, 'input').properties as Record<string, JsonObject>;
    const required = new Set((jsonSchema(schema, 'input').required as string[] | undefined) ?? []);
    return Object.entries(properties).map(([name, property]) => ({
      name,
      in: location,
      required: location === 'path' || required.has(name),
      schema: property,
    }));
  }
  if (location === 'query') return [];

  return [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
}

function responses(doc: RouteDoc | undefined): JsonObject {
  const status = String(doc?.status ?? 200);
  const success: JsonObject = { description: doc?.summary ?? 'Success' };
  if (doc?.response) {
    success.content = {
      [doc.responseMediaType ?? 'application/json']: {
        schema: jsonSchema(doc.response, 'output'),
      },
    };
  }
  return {
    [status]: success,
    default: {
      description: 'Error',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    },
  };
}

/** Converts a zod schema to JSON Schema 2020-12, the dialect OpenAPI 3.1 uses. */
// The `format` values of JSON Schema 2020-12 (section 7.3 of its validation vocabulary).
const STANDARD_FORMATS = new Set([
  'date-time',
  'date',
  'time',
  'duration',
  'email',
  'idn-email',
  'hostname',
  'idn-hostname',
  'ipv4',
  'ipv6',
  'uri',
  'uri-reference',
  'iri',
  'iri-reference',
  'uuid',
  'uri-template',
  'json-pointer',
  'relative-json-pointer',
  'regex',
]);

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    // zod names some string checks as formats (`includes`, `starts_with`) beside their `pattern`.
    // Client generators do not know them, and the pattern already states the rule.
    override: ({ jsonSchema: node }) => {
      if (typeof node.format === 'string' && !STANDARD_FORMATS.has(node.format)) {
        delete node.format;
      }
    },
  });
  return rest as JsonObject;
}

function tagFromUrl(url: string): string {
  const area = url.split('/')[2] ?? 'api';
  return area.charAt(0).toUpperCase() + area.slice(1);
}
