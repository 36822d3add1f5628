const SECRET_KEY = /pass(word)?|secret|token|authorization|api[-_]?key|cookie|credential/i;
const REDACTED = '[redacted]';

/**
 * Returns a copy of a JSON value with the values of secret-looking keys (password, token,
 * secret, authorization, api key, cookie, credential) replaced by "[redacted]".
 */
export function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (value === null || typeof value !== 'object') return value;

  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    copy[key] = SECRET_KEY.test(key) ? REDACTED : redactJson(inner);
  }
  return copy;
}

/**
 * Serialises a request or response body for the log: JSON is redacted, text that is not JSON
 * is kept only up to `maxChars` and with anything after a secret-looking word removed.
 */
export function bodyForLog(body: unknown, maxChars: number): string | null {
  if (body === undefined || body === null || body === '') return null;

  let text: string;
  if (typeof body === 'string') {
    text = redactText(body);
  } else if (Buffer.isBuffer(body)) {
    text = redactText(body.toString('utf8'));
  } else {
    text = JSON.stringify(redactJson(body));
  }

  return text.length > maxChars ? text.slice(0, maxChars) + '…[truncated]' : text;
}

function redactText(text: string): string {
  // Most bodies name no secret-looking key, and then there is nothing to parse or redact.
  if (!SECRET_KEY.test(text)) return text;
  try {
    return JSON.stringify(redactJson(JSON.parse(text)));
  } catch {
    // Unparsable text (malformed JSON) may still carry a password: cut at the first secret word.
    const match = SECRET_KEY.exec(text);
    return match ? text.slice(0, match.index) + REDACTED : text;
  }
}

/** Returns a query string with the values of secret-looking parameters redacted. */
export function redactQuery(query: string): string {
  const params = new URLSearchParams(query);
  for (const key of [...params.keys()]) {
    if (SECRET_KEY.test(key)) params.set(key, REDACTED);
  }
  return params.toString();
}
