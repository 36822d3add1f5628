/**
 * Turns text into a lowercase slug of ASCII letters, digits and "-": "Zoë Smith" becomes
 * "zoe-smith". Returns undefined for undefined, as JSONata functions do.
 */
export function slug(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;

  return String(value)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Functions that expressions may call beyond JSONata's built-ins (`$lowercase`, `$uppercase`,
 * `$now`, `$substringBefore` and the rest). They are pure and reach no I/O.
 */
export const expressionHelpers: Record<string, (...args: never[]) => unknown> = {
  slug,
};

/**
 * Converts an expression result to a boolean the way JSONata's `$boolean` does: undefined, null,
 * false, 0, "", an empty object, and an array whose items are all false are false.
 */
export function isTruthy(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.some(isTruthy);
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}
