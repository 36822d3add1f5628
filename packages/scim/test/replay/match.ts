/**
 * Matches a value against a body pattern of the replay case format: `$absent`, `$present`,
 * `{$type}`, `{$ci}`, `{$len}`, `{$contains}`, `{$in}`, objects by listed keys, arrays in any order,
 * and anything else by `===`. Returns a description of the first mismatch, or undefined.
 */
export function mismatch(pattern: unknown, value: unknown, path = 'body'): string | undefined {
  if (pattern === '$present') return value === undefined ? `${path} is missing` : undefined;
  if (pattern === '$absent')
    return value === undefined || value === null ? undefined : `${path} should be absent`;

  if (Array.isArray(pattern)) {
    if (!Array.isArray(value) || value.length !== pattern.length)
      return `${path}: expected ${pattern.length} entries, got ${JSON.stringify(value)}`;
    return matchEach(pattern, value, path);
  }

  if (typeof pattern !== 'object' || pattern === null) {
    return pattern === value
      ? undefined
      : `${path}: expected ${JSON.stringify(pattern)}, got ${JSON.stringify(value)}`;
  }

  const special = pattern as Record<string, unknown>;
  if ('$type' in special)
    return typeOf(value) === special.$type ||
      (special.$type === 'number' && typeof value === 'number')
      ? undefined
      : `${path}: expected ${String(special.$type)}, got ${JSON.stringify(value)}`;
  if ('$ci' in special)
    return typeof value === 'string' && value.toLowerCase() === String(special.$ci).toLowerCase()
      ? undefined
      : `${path}: expected ${String(special.$ci)} ignoring case, got ${JSON.stringify(value)}`;
  if ('$len' in special)
    return Array.isArray(value) && value.length === special.$len
      ? undefined
      : `${path}: expected ${String(special.$len)} entries, got ${JSON.stringify(value)}`;
  if ('$contains' in special)
    return Array.isArray(value)
      ? matchEach(special.$contains as unknown[], value, path)
      : `${path}: expected an array`;
  if ('$in' in special) {
    const options = special.$in as unknown[];
    return options.some((option) => mismatch(option, value, path) === undefined)
      ? undefined
      : `${path}: ${JSON.stringify(value)} matches none of ${JSON.stringify(options)}`;
  }

  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return `${path}: expected an object, got ${JSON.stringify(value)}`;
  for (const [key, item] of Object.entries(special)) {
    const problem = mismatch(item, (value as Record<string, unknown>)[key], `${path}.${key}`);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** Matches every pattern to a different element, trying assignments in order. */
function matchEach(patterns: unknown[], values: unknown[], path: string): string | undefined {
  const used = new Set<number>();
  const assign = (index: number): boolean => {
    if (index === patterns.length) return true;
    for (let candidate = 0; candidate < values.length; candidate += 1) {
      if (used.has(candidate) || mismatch(patterns[index], values[candidate]) !== undefined)
        continue;
      used.add(candidate);
      if (assign(index + 1)) return true;
      used.delete(candidate);
    }
    return false;
  };
  return assign(0)
    ? undefined
    : `${path}: ${JSON.stringify(values)} does not match ${JSON.stringify(patterns)}`;
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}
