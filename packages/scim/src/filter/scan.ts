import { scimErrors } from '../errors.js';
import type { FilterValue } from './ast.js';

const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * The text after an unquoted value that ends it: ` and ` or ` or ` followed by the start of another
 * expression (`(`, `not`, or an attribute path with an operator or value filter). Checking the
 * next expression keeps a value such as `Tide and Ops` whole.
 */
const NEXT_EXPRESSION =
  /^\s+(and|or)\s+(\(|not\s*\(|[A-Za-z][\w:.$-]*(\[|\s+(eq|ne|co|sw|ew|gt|ge|lt|le)\s|\s+pr(\s|\)|$)))/i;

/**
 * Reads the JSON string literal that starts at `start` (a `"`), and returns its value and the
 * position after the closing quote.
 *
 * @throws ScimError 400 `invalidFilter` for a missing closing quote or an invalid escape.
 */
export function scanQuotedString(text: string, start: number): { value: string; end: number } {
  let index = start + 1;
  while (index < text.length) {
    const character = text[index];
    if (character === '\\') {
      index += 2;
      continue;
    }
    if (character === '"') break;
    index += 1;
  }

  if (index >= text.length) {
    throw scimErrors.invalidFilter(
      `Unterminated string at position ${start}: add a closing '"' to ${text.slice(start, start + 20)}.`,
    );
  }

  const literal = text.slice(start, index + 1);
  try {
    return { value: JSON.parse(literal) as string, end: index + 1 };
  } catch {
    throw scimErrors.invalidFilter(
      `Invalid string at position ${start}: ${literal} has an invalid escape sequence.`,
    );
  }
}

/**
 * Reads an unquoted value that starts at `start`. It runs to the end of the text, to a `]` when
 * `insideBrackets`, or to an ` and ` or ` or ` that another expression follows. A `)` ends it only
 * when it closes a group that is open (`insideGroup`) and no `(` inside the value is still open,
 * so WSO2's unquoted `displayName Eq Tide Ops (EU)` keeps its parentheses. Returns the value
 * without trailing whitespace and the position where it ends.
 */
export function scanUnquotedValue(
  text: string,
  start: number,
  closers: { insideGroup: boolean; insideBrackets: boolean },
): { raw: string; end: number } {
  let index = start;
  let openInValue = 0;
  while (index < text.length) {
    const character = text[index] ?? '';
    if (character === ']' && closers.insideBrackets) break;
    if (character === '(') openInValue += 1;
    if (character === ')') {
      if (openInValue === 0 && closers.insideGroup) break;
      openInValue = Math.max(0, openInValue - 1);
    }

    // Only the first character of a whitespace run can start ` and `, so each run is tested once.
    const runStart = /\s/.test(character) && !/\s/.test(text[index - 1] ?? '');
    if (runStart && NEXT_EXPRESSION.test(text.slice(index))) break;
    index += 1;
  }

  return { raw: text.slice(start, index).trimEnd(), end: index };
}

/** Reads an unquoted value as a literal: `true`, `false` and `null` in any case, a number, or else text. */
export function literalOf(raw: string): FilterValue {
  const lowered = raw.toLowerCase();
  if (lowered === 'true') return true;
  if (lowered === 'false') return false;
  if (lowered === 'null') return null;
  if (NUMBER.test(raw)) return Number(raw);
  return raw;
}
