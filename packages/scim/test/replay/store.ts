import {
  applyPatch,
  evaluateFilter,
  parseFilter,
  parseGroup,
  parseUser,
  projectResource,
  replaceResource,
  resourceTypes,
  SCHEMAS,
  schemaDocuments,
  ScimError,
  scimErrors,
  serviceProviderConfig,
} from '@scimflow/scim';

type Resource = Record<string, unknown>;
type ResourceTypeName = 'User' | 'Group';

/** A request as the replay cases describe it. */
export interface ReplayRequest {
  method: string;
  path: string;
  query?: string;
  body?: unknown;
}

/** A response: status, headers with lower-case names, and a JSON body or none. */
export interface ReplayResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

const BASE = 'http://127.0.0.1/scim/v2/replay';
const ENDPOINTS: Record<string, ResourceTypeName> = { users: 'User', groups: 'Group' };

/**
 * An in-memory SCIM service provider made only of this package's functions, so the replay cases
 * check what the package decides (parsing, filters, PATCH, PUT, projection, errors) without the
 * server's HTTP, authentication and storage layers.
 */
export class ReplayStore {
  private readonly resources = new Map<string, { type: ResourceTypeName; resource: Resource }>();
  private nextId = 1;

  handle(request: ReplayRequest, base: 'scim' | 'legacy'): ReplayResponse {
    try {
      const body = typeof request.body === 'string' ? parseJson(request.body) : request.body;
      return base === 'legacy' ? this.handleLegacy(request, body) : this.handleScim(request, body);
    } catch (error) {
      if (!(error instanceof ScimError)) throw error;
      return respond(error.status, error.toJSON());
    }
  }

  private handleScim(request: ReplayRequest, body: unknown): ReplayResponse {
    const [collection = '', id, ...rest] = request.path.split('/').filter((part) => part !== '');
    const query = new URLSearchParams(request.query ?? '');

    if (request.method === 'GET' && collection === 'ServiceProviderConfig') {
      return respond(200, serviceProviderConfig({ maxResults: 200, baseUrl: BASE }));
    }
    if (request.method === 'GET' && collection === 'ResourceTypes') {
      return listOrOne(resourceTypes(BASE), id, (item) => item.id);
    }
    if (request.method === 'GET' && collection === 'Schemas') {
      return listOrOne(
        schemaDocuments(BASE),
        id === undefined ? undefined : [id, ...rest].join('/'),
        (item) => item.id,
      );
    }

    const type = ENDPOINTS[collection.toLowerCase()];
    if (type === undefined) throw scimErrors.notFound(`No endpoint ${request.path}.`);

    if (id === undefined && request.method === 'GET') return this.list(type, query);
    if (id === undefined && request.method === 'POST') return this.create(type, body);

    const stored = id === undefined ? undefined : this.resources.get(id);
    if (id === undefined || stored === undefined || stored.type !== type) {
      throw scimErrors.notFound(`${type} ${id ?? ''} not found.`);
    }

    const projection = {
      attributes: query.get('attributes') ?? undefined,
      excludedAttributes: query.get('excludedAttributes') ?? undefined,
    };
    switch (request.method) {
      case 'GET':
        return respond(200, projectResource(stored.resource, projection, type));
      case 'PUT': {
        const { resource } = replaceResource(stored.resource, body, type);
        this.checkUnique(type, resource, id);
        stored.resource = resource;
        return respond(200, projectResource(stored.resource, {}, type));
      }
      case 'PATCH':
        stored.resource = applyPatch(stored.resource, body, type).resource;
        return respond(200, projectResource(stored.resource, {}, type));
      case 'DELETE':
        this.resources.delete(id);
        return { status: 204, headers: {} };
      default:
        throw scimErrors.notImplemented(`Method ${request.method} is not supported.`);
    }
  }

  /** Handles the old scim-choreo connector, which POSTs and PUTs a SCIM 1.1 user and DELETEs by userName. */
  private handleLegacy(request: ReplayRequest, body: unknown): ReplayResponse {
    if (request.method === 'DELETE') {
      const userName = decodeURIComponent(request.path.slice(1)).replaceAll(',', '/');
      const found = this.findUser(userName) ?? this.findUser(userName.replace(/^[^/]*\//, ''));
      if (found === undefined) throw scimErrors.notFound(`User ${userName} not found.`);

      this.resources.delete(found);
      return { status: 204, headers: {} };
    }

    const user = parseUser(body);
    const existing = this.findUser(user.userName);
    if (request.method === 'PUT' && existing !== undefined) {
      return this.handleScim({ ...request, path: `/Users/${existing}` }, body);
    }
    return this.create('User', body);
  }

  private create(type: ResourceTypeName, body: unknown): ReplayResponse {
    const parsed = JSON.parse(
      JSON.stringify(type === 'User' ? parseUser(body) : parseGroup(body)),
    ) as Resource;
    const id = `r${this.nextId++}`;
    this.checkUnique(type, parsed, id);

    const location = `${BASE}/${type}s/${id}`;
    const resource = {
      ...parsed,
      id,
      meta: { resourceType: type, created: new Date().toISOString(), location },
    };
    this.resources.set(id, { type, resource });
    return {
      ...respond(201, projectResource(resource, {}, type)),
      headers: { 'content-type': 'application/scim+json', location },
    };
  }

  private checkUnique(type: ResourceTypeName, resource: Resource, id: string): void {
    if (type !== 'User') return;

    const other = this.findUser(String(resource.userName));
    if (other !== undefined && other !== id)
      throw scimErrors.uniqueness(
        `userName ${String(resource.userName)} already exists: send a different userName.`,
      );
  }

  private findUser(userName: string): string | undefined {
    const filter = parseFilter(`userName eq ${JSON.stringify(userName)}`);
    for (const [id, stored] of this.resources) {
      if (stored.type === 'User' && evaluateFilter(filter, stored.resource, 'User')) return id;
    }
    return undefined;
  }

  private list(type: ResourceTypeName, query: URLSearchParams): ReplayResponse {
    const text = query.get('filter');
    const filter = text === null ? undefined : parseFilter(text);
    const matches = [...this.resources.values()]
      .filter((stored) => stored.type === type)
      .filter((stored) => filter === undefined || evaluateFilter(filter, stored.resource, type));

    const startIndex = Math.max(1, Number(query.get('startIndex') ?? 1));
    const count = Math.max(0, Number(query.get('count') ?? 200));
    const projection = {
      attributes: query.get('attributes') ?? undefined,
      excludedAttributes: query.get('excludedAttributes') ?? undefined,
    };
    const page = matches
      .slice(startIndex - 1, startIndex - 1 + count)
      .map((stored) => projectResource(stored.resource, projection, type));

    return respond(200, {
      schemas: [SCHEMAS.listResponse],
      totalResults: matches.length,
      startIndex,
      itemsPerPage: page.length,
      Resources: page,
    });
  }
}

function listOrOne<T>(
  items: T[],
  id: string | undefined,
  idOf: (item: T) => string,
): ReplayResponse {
  if (id === undefined) {
    return respond(200, {
      schemas: [SCHEMAS.listResponse],
      totalResults: items.length,
      startIndex: 1,
      itemsPerPage: items.length,
      Resources: items,
    });
  }

  const item = items.find((candidate) => idOf(candidate) === decodeURIComponent(id));
  if (item === undefined) throw scimErrors.notFound(`${id} not found.`);
  return respond(200, item);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw scimErrors.invalidSyntax('Invalid JSON in the request body.');
  }
}

function respond(status: number, body: unknown): ReplayResponse {
  return { status, headers: { 'content-type': 'application/scim+json' }, body };
}
