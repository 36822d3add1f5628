/**
 * The response matcher of the replay cases: status, headers and body patterns as FORMAT.md
 * defines them. Each function returns undefined on a match, or a reason naming the path.
 */

type Json = unknown;

/** Checks a status against a number, `{"$in": [...]}`, or no expectation. */
export function matchStatus(
  expected: number | { $in: number[] } | undefined,
  actual: number,
): string | undefined {
  if (expected === undefined) return undefined;
  if (typeof expected === 'number')
    return expected === actual ? undefined : `status ${actual}, expected ${expected}`;
  return expected.$in.includes(actual)
    ? undefined
    : `status ${actual}, expected one of ${expected.$in.join(', ')}`;
}

/** Checks response headers: `$present`, `$absent`, `~text` (contains, ignoring case) or an exact value. */
export function matchHeaders(
  expected: Record<string, string> | undefined,
  actual: Headers,
): string | undefined {
  for (const [name, pattern] of Object.entries(expected ?? {})) {
    const value = actual.get(name);
    if (pattern === '$present') {
      if (value === null) return `header ${name} is missing`;
    } else if (pattern === '$absent') {
      if (value !== null) return `header ${name} is "${value}", expected no such header`;
    } else if (pattern.startsWith('~')) {
      if (value === null || !value.toLowerCase().includes(pattern.slice(1).toLowerCase())) {
        return `header ${name} is ${value === null ? 'missing' : `"${value}"`}, expected it to contain "${pattern.slice(1)}"`;
      }
    } else if (value !== pattern) {
      return `header ${name} is ${value === null ? 'missing' : `"${value}"`}, expected "${pattern}"`;
    }
  }
  return undefined;
}

const TYPES: Record<string, (value: Json) => boolean> = {
  integer: (v) => Number.isInteger(v),
  number: (v) => typeof v === 'number',
  string: (v) => typeof v === 'string',
  boolean: (v) => typeof v === 'boolean',
  array: (v) => Array.isArray(v),
  object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
};

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: Json): string {
  const text = JSON.stringify(value);
  if (text === undefined) return 'nothing';
  return text.length > 120 ? text.slice(0, 117) + '...' : text;
}

/**
 * Matches a body pattern against a value at `path` (for messages). `value` is undefined when the
 * key is missing.
 */
export function matchBody(pattern: Json, value: Json, path = 'body'): string | undefined {
  if (pattern === '$absent') {
    return value === undefined || value === null
      ? undefined
      : `${path} is ${show(value)}, expected it absent`;
  }
  if (pattern === '$present') {
    return value === undefined ? `${path} is missing` : undefined;
  }

  if (Array.isArray(pattern)) {
    if (!Array.isArray(value))
      return `${path} is ${show(value)}, expected an array of ${pattern.length}`;
    if (value.length !== pattern.length)
      return `${path} has ${value.length} elements, expected ${pattern.length}: ${show(value)}`;
    return matchEach(pattern, value, path);
  }

  if (isObject(pattern)) {
    if ('$type' in pattern) {
      const check = TYPES[String(pattern.$type)];
      if (!check) return `${path}: unknown $type ${show(pattern.$type)} in the case`;
      return check(value)
        ? undefined
        : `${path} is ${show(value)}, expected type ${String(pattern.$type)}`;
    }
    if ('$ci' in pattern) {
      return typeof value === 'string' && value.toLowerCase() === String(pattern.$ci).toLowerCase()
        ? undefined
        : `${path} is ${show(value)}, expected "${String(pattern.$ci)}" ignoring case`;
    }
    if ('$len' in pattern) {
      if (!Array.isArray(value))
        return `${path} is ${show(value)}, expected an array of ${String(pattern.$len)}`;
      return value.length === pattern.$len
        ? undefined
        : `${path} has ${value.length} elements, expected ${String(pattern.$len)}: ${show(value)}`;
    }
    if ('$contains' in pattern) {
      if (!Array.isArray(value)) return `${path} is ${show(value)}, expected an array`;
      return matchEach(pattern.$contains as Json[], value, path);
    }
    if ('$in' in pattern) {
      const options = pattern.$in as Json[];
      return options.some((option) => matchBody(option, value, path) === undefined)
        ? undefined
        : `${path} is ${show(value)}, expected one of ${show(options)}`;
    }

    if (!isObject(value)) return `${path} is ${show(value)}, expected an object`;
    for (const [key, inner] of Object.entries(pattern)) {
      const reason = matchBody(inner, value[key], `${path}.${key}`);
      if (reason) return reason;
    }
    return undefined;
  }

  return value === pattern ? undefined : `${path} is ${show(value)}, expected ${show(pattern)}`;
}

/** Matches each pattern to a different element (any order), by backtracking over assignments. */
function matchEach(patterns: Json[], values: Json[], path: string): string | undefined {
  const used = new Array<boolean>(values.length).fill(false);

  const assign = (index: number): boolean => {
    if (index === patterns.length) return true;
    for (let i = 0; i < values.length; i++) {
      if (used[i] || matchBody(patterns[index], values[i], path) !== undefined) continue;
      used[i] = true;
      if (assign(index + 1)) return true;
      used[i] = false;
    }
    return false;
  };
  if (assign(0)) return undefined;

  const unmatched = patterns.find(
    (pattern) => !values.some((value) => matchBody(pattern, value, path) === undefined),
  );
  return unmatched === undefined
    ? `${path}: no assignment matches every pattern to a different element in ${show(values)}`
    : `${path}: no element matches ${show(unmatched)} in ${show(values)}`;
}

/** Reads a dot path such as `Resources.0.id`; numeric parts index arrays. */
export function readPath(value: Json, dotPath: string): Json {
  let current = value;
  for (const part of dotPath.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(part)) current = current[Number(part)];
    else if (isObject(current)) current = current[part];
    else return undefined;
  }
  return current;
}

/** Replaces `{{name}}` in every string of a value; throws when a variable was never saved. */
export function substitute<T>(value: T, variables: Record<string, string>): T {
  if (typeof value === 'string') {
    return value.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
      const saved = variables[name];
      if (saved === undefined)
        throw new Error(`variable {{${name}}} is used before a step saved it`);
      return saved;
    }) as T;
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, variables)) as T;
  if (isObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, substitute(inner, variables)]),
    ) as T;
  }
  return value;
}
