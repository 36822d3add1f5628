import type { z } from 'zod';
import { scimErrors } from './errors.js';
import { normalizeResource } from './normalize/resource.js';
import { GroupSchema, type ScimGroup } from './schemas/group.js';
import { PatchOpSchema, type PatchOp, type PatchOperation } from './schemas/messages.js';
import { UserSchema, type EnterpriseUser, type ScimUser } from './schemas/user.js';
import { SCHEMAS } from './urns.js';
import { getIgnoringCase, isObject } from './util/json.js';

/**
 * Parses a User request body as identity providers send it and returns it in canonical SCIM 2.0
 * form. Accepts attribute names in any case, empty or missing `schemas`, `"True"`/`"False"`
 * booleans, bare-string emails and manager, SCIM 1.1 bodies, and unknown extension URN keys, which
 * are kept. Read-only `id`, `meta` and `groups` are ignored. The result has a non-enumerable
 * `enterprise` getter for the enterprise extension.
 *
 * @throws ScimError 400 `invalidSyntax` when the body is not an object, `invalidValue` when
 *   `userName` is missing, a value has the wrong type, or `schemas` names the Group schema.
 */
export function parseUser(body: unknown): ScimUser {
  const user = validate(UserSchema, normalizeResource(body, 'User'), 'User') as ScimUser;
  return withEnterpriseGetter(user);
}

/**
 * Parses a Group request body and returns it in canonical SCIM 2.0 form. Members keep `value`,
 * `display`, `type` and `$ref`; a `$ref` of null is dropped.
 *
 * @throws ScimError 400 `invalidValue` when `displayName` is missing, a member has no `value`, or
 *   `schemas` names the User schema. Throws `invalidSyntax` when the body is not an object.
 */
export function parseGroup(body: unknown): ScimGroup {
  return validate(GroupSchema, normalizeResource(body, 'Group'), 'Group');
}

/**
 * Parses a PatchOp body. `Operations`, `op`, `path` and `value` are matched in any case, and `op`
 * is returned in lower case (`Replace` becomes `replace`).
 *
 * @throws ScimError 400 `invalidSyntax` for a body without an `Operations` array, an unknown `op`,
 *   or a `path` that is not a string.
 */
export function parsePatchOp(body: unknown): PatchOp {
  if (!isObject(body)) {
    throw scimErrors.invalidSyntax(
      'Invalid PatchOp body: expected a JSON object with an "Operations" array.',
    );
  }

  const operations = getIgnoringCase(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) {
    throw scimErrors.invalidSyntax(
      `Invalid PatchOp body: expected a non-empty "Operations" array, got ${JSON.stringify(operations ?? null)}.`,
    );
  }

  const patchOp = {
    schemas: [SCHEMAS.patchOp],
    Operations: operations.map((operation, index) => parseOperation(operation, index)),
  };
  return validate(PatchOpSchema, patchOp, 'PatchOp');
}

function parseOperation(operation: unknown, index: number): PatchOperation {
  if (!isObject(operation)) {
    throw scimErrors.invalidSyntax(
      `Invalid Operations[${index}]: expected an object with "op", "path" and "value".`,
    );
  }

  const op = getIgnoringCase(operation, 'op');
  const lowered = typeof op === 'string' ? op.toLowerCase() : undefined;
  if (lowered !== 'add' && lowered !== 'remove' && lowered !== 'replace') {
    throw scimErrors.invalidSyntax(
      `Invalid Operations[${index}].op ${JSON.stringify(op ?? null)}: expected "add", "remove" or "replace".`,
    );
  }

  const path = getIgnoringCase(operation, 'path');
  if (path !== undefined && path !== null && typeof path !== 'string') {
    throw scimErrors.invalidSyntax(
      `Invalid Operations[${index}].path ${JSON.stringify(path)}: expected a string.`,
    );
  }

  const result: PatchOperation = { op: lowered };
  if (typeof path === 'string' && path.trim() !== '') result.path = path.trim();

  const value = getIgnoringCase(operation, 'value');
  if (value !== undefined) result.value = value;
  return result;
}

function validate<T extends z.ZodType>(
  schema: T,
  value: unknown,
  resourceName: string,
): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;

  const issue = parsed.error.issues[0];
  const path = issue?.path.map(String).join('.') || '(root)';
  throw scimErrors.invalidValue(
    `Invalid ${resourceName} attribute '${path}': ${issue?.message ?? 'invalid value'}.`,
  );
}

function withEnterpriseGetter(user: ScimUser): ScimUser {
  Object.defineProperty(user, 'enterprise', {
    enumerable: false,
    configurable: true,
    get(this: ScimUser): EnterpriseUser | undefined {
      return this[SCHEMAS.enterpriseUser];
    },
  });
  return user;
}
