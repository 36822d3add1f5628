const REDACTED = '[redacted]';

// The names of attributes whose values are secrets, as the request log's key-based redaction
// recognises them. A PATCH names the attribute in `path` and puts the secret under `value`.
const SECRET_ATTRIBUTE = /pass(word)?|secret|token|api[-_]?key|credential/i;

/**
 * Returns a request body for the request log with the `value` of every PATCH operation whose
 * `path` names a secret attribute (`password`, `urn:…:User:password`) replaced by "[redacted]".
 * The log redacts by key, and `{"path": "password", "value": "…"}` has no secret key, so without
 * this the new password would be stored in the log. Other bodies are returned unchanged.
 */
export function redactPatchSecrets(rawBody: string | undefined): unknown {
  if (rawBody === undefined || !SECRET_ATTRIBUTE.test(rawBody)) return rawBody;

  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return rawBody;
  }
  if (!isRecord(body)) return rawBody;

  const key = Object.keys(body).find((name) => name.toLowerCase() === 'operations');
  const operations = key === undefined ? undefined : body[key];
  if (!Array.isArray(operations)) return rawBody;

  return { ...body, [key as string]: operations.map(redactOperation) };
}

function redactOperation(operation: unknown): unknown {
  if (!isRecord(operation)) return operation;

  const pathKey = Object.keys(operation).find((name) => name.toLowerCase() === 'path');
  const path = pathKey === undefined ? undefined : operation[pathKey];
  if (typeof path !== 'string' || !SECRET_ATTRIBUTE.test(attributeName(path))) return operation;

  const redacted: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(operation))
    redacted[name] = name.toLowerCase() === 'value' ? REDACTED : item;
  return redacted;
}

/** Returns the attribute a PATCH path names: `password` for `urn:…:User:password`. */
function attributeName(path: string): string {
  const withoutFilter = path.replace(/\[.*\]/s, '');
  return withoutFilter.slice(withoutFilter.lastIndexOf(':') + 1);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
