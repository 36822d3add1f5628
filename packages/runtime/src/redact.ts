/** Text that replaces a redacted value. */
export const REDACTED = '[redacted]';

/** Field names whose values the journal never shows, whatever they contain. */
const SECRET_FIELD_NAME =
  /password|passwd|secret|token|authorization|cookie|api_?key|private_?key/i;

/** `key`, `x-api-key`, `signingKey`: names that end in the word "key", but not `keyColumn`. */
const KEY_FIELD_NAME = /(^|[-_])key$|[a-z]Key$/;

/** Results of `isSecretFieldName` by name, because journals repeat the same few field names. */
const secretFieldNames = new Map<string, boolean>();
const MAX_CACHED_FIELD_NAMES = 10_000;

function isSecretFieldName(name: string): boolean {
  let secret = secretFieldNames.get(name);
  if (secret === undefined) {
    secret = SECRET_FIELD_NAME.test(name) || KEY_FIELD_NAME.test(name);
    // Field names can come from API responses, so the cache stops growing at a fixed size.
    if (secretFieldNames.size < MAX_CACHED_FIELD_NAMES) secretFieldNames.set(name, secret);
  }
  return secret;
}

/** Secrets shorter than this are not scrubbed from text, because they would match ordinary words. */
const MIN_SECRET_LENGTH = 4;

/**
 * Redacts values for the journal and logs: fields named like a secret (password, token, secret,
 * key, authorization) become "[redacted]", and every known secret string is cut out of all other
 * text. Returns a copy and leaves the input unchanged.
 */
export class Redactor {
  private readonly secrets: string[] = [];

  constructor(secrets: Iterable<string> = []) {
    this.addSecrets(secrets);
  }

  /** Adds secret strings, such as a credential's values, to scrub from now on. */
  addSecrets(secrets: Iterable<string>): void {
    for (const secret of secrets) {
      if (secret.length >= MIN_SECRET_LENGTH && !this.secrets.includes(secret))
        this.secrets.push(secret);
    }
    // Sort by length, longest first, so a secret that contains another is cut out whole.
    this.secrets.sort((left, right) => right.length - left.length);
  }

  /** Returns a redacted copy of a JSON-like value. */
  redact<Value>(value: Value): Value {
    return this.redactValue(value, new WeakSet()) as Value;
  }

  /** Returns the text with every known secret replaced by "[redacted]". */
  redactText(text: string): string {
    let result = text;
    for (const secret of this.secrets) result = result.split(secret).join(REDACTED);
    return result;
  }

  private redactValue(value: unknown, seen: WeakSet<object>): unknown {
    if (typeof value === 'string') return this.redactText(value);
    if (value === null || typeof value !== 'object') return value;
    if (seen.has(value)) return '[circular]';
    seen.add(value);

    if (Array.isArray(value)) return value.map((item) => this.redactValue(item, seen));

    const copy: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      // Only text and nested values can carry a secret: a flag such as changePasswordAtNextLogin
      // or a number such as expiresIn stays readable in the journal.
      const canHoldSecret =
        typeof entry === 'string' || (typeof entry === 'object' && entry !== null);
      const hidden = isSecretFieldName(key) && canHoldSecret;
      copy[key] = hidden ? REDACTED : this.redactValue(entry, seen);
    }
    return copy;
  }
}

/** Returns every string value of a credential's data, the default list of its secrets. */
export function credentialStrings(data: Record<string, unknown>): string[] {
  const strings: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(data);
  return strings;
}
