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
