import {
  findDefinition,
  knownExtensionUrn,
  resolveAttribute,
  splitSchemaPrefix,
} from './catalogue/resolve.js';
import { COMMON_ATTRIBUTES } from './catalogue/common.js';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from './catalogue/user.js';
import { GROUP_SCHEMA } from './catalogue/group.js';
import { SCHEMAS, type ResourceTypeName } from './urns.js';
import { cloneJson, findKey, isObject, isUnassigned, type JsonObject } from './util/json.js';
import type { AttributeDefinition } from './schemas/discovery.js';

/** The `attributes` and `excludedAttributes` query parameters (RFC 7644 §3.4.2.5), comma-separated. */
export interface ProjectionOptions {
  attributes?: string | undefined;
  excludedAttributes?: string | undefined;
}

/** Attributes returned in every response, whatever the request parameters. */
const ALWAYS = ['schemas', 'id', 'meta'];

/**
 * Trims a canonical resource to the attributes that a request selects (RFC 7644 §3.4.2.5). `id`,
 * `schemas` and `meta` are always returned, and attributes with `returned: never` (`password`)
 * never are. Names match in any case and may be sub-attributes (`name.givenName`,
 * `emails.value`), URN-qualified (`urn:…:enterprise:2.0:User:department`) or a whole extension
 * URN. `attributes` wins when both parameters are given; unknown names are ignored.
 */
export function projectResource(
  resource: object,
  options: ProjectionOptions,
  resourceType: ResourceTypeName,
): JsonObject {
  if (!isObject(resource)) return {};

  const visible = withoutNeverReturned(cloneJson(resource), resourceType);
  const requested = pathsOf(options.attributes, resourceType);
  const attributesGiven = (options.attributes ?? '').split(',').some((name) => name.trim() !== '');
  if (attributesGiven) {
    const result: JsonObject = {};
    for (const keys of [...ALWAYS.map((key) => [key]), ...requested]) pick(result, visible, keys);
    return prune(result);
  }

  for (const keys of pathsOf(options.excludedAttributes, resourceType)) {
    if (keys.length === 1 && ALWAYS.includes(keys[0] ?? '')) continue;
    drop(visible, keys);
  }
  return prune(visible);
}

function withoutNeverReturned(resource: JsonObject, resourceType: ResourceTypeName): JsonObject {
  const core = resourceType === 'User' ? USER_SCHEMA : GROUP_SCHEMA;
  const never = (definition: AttributeDefinition) => definition.returned === 'never';

  for (const definition of [...core.attributes, ...COMMON_ATTRIBUTES].filter(never))
    drop(resource, [definition.name]);
  if (resourceType === 'User') {
    for (const definition of ENTERPRISE_USER_SCHEMA.attributes.filter(never)) {
      drop(resource, [SCHEMAS.enterpriseUser, definition.name]);
    }
  }
  return resource;
}

/** Turns a comma-separated attribute list into key paths into the resource. */
function pathsOf(list: string | undefined, resourceType: ResourceTypeName): string[][] {
  if (list === undefined) return [];

  const paths: string[][] = [];
  for (const name of list.split(',').map((item) => item.trim())) {
    if (name === '') continue;

    const keys = keysOf(name, resourceType);
    if (keys !== undefined) paths.push(keys);
  }
  return paths;
}

function keysOf(name: string, resourceType: ResourceTypeName): string[] | undefined {
  const { schema, rest } = splitSchemaPrefix(name, resourceType);
  if (schema !== undefined && rest === '')
    return [knownExtensionUrn(schema, resourceType) ?? schema];

  const [attribute = '', subAttribute] = rest.split('.', 2);
  const resolved = resolveAttribute(resourceType, schema, attribute);
  if (resolved === undefined) return undefined;

  const keys =
    resolved.extension === undefined ? [resolved.name] : [resolved.extension, resolved.name];
  if (subAttribute !== undefined) {
    const subDefinition = findDefinition(resolved.definition?.subAttributes ?? [], subAttribute);
    keys.push(subDefinition?.name ?? subAttribute);
  }
  return keys;
}

/** Copies the value at `keys` from `source` into `target`, through arrays of entries. */
function pick(target: JsonObject, source: JsonObject, keys: string[]): void {
  const [first = '', ...rest] = keys;
  const key = findKey(source, first);
  if (key === undefined) return;

  const value = source[key];
  if (rest.length === 0) {
    target[key] = cloneJson(value);
    return;
  }

  if (Array.isArray(value)) {
    const entries = Array.isArray(target[key])
      ? (target[key] as JsonObject[])
      : value.map(() => ({}));
    value.forEach((entry, index) => {
      if (isObject(entry) && entries[index] !== undefined) pick(entries[index], entry, rest);
    });
    target[key] = entries;
    return;
  }

  if (isObject(value)) {
    const child = isObject(target[key]) ? (target[key] as JsonObject) : {};
    pick(child, value, rest);
    target[key] = child;
  }
}

/** Deletes the value at `keys`, through arrays of entries. */
function drop(target: JsonObject, keys: string[]): void {
  const [first = '', ...rest] = keys;
  const key = findKey(target, first);
  if (key === undefined) return;

  if (rest.length === 0) {
    delete target[key];
    return;
  }

  const value = target[key];
  const children = Array.isArray(value) ? value : [value];
  for (const child of children) {
    if (isObject(child)) drop(child, rest);
  }
}

/** Removes objects and arrays left empty by picking or dropping. */
function prune(resource: JsonObject): JsonObject {
  for (const [key, value] of Object.entries(resource)) {
    if (Array.isArray(value)) {
      const entries = value.filter((entry) => !(isObject(entry) && isUnassigned(prune(entry))));
      if (entries.length === 0 && value.length > 0) delete resource[key];
      else resource[key] = entries;
    } else if (isObject(value) && isUnassigned(prune(value))) {
      delete resource[key];
    }
  }
  return resource;
}
