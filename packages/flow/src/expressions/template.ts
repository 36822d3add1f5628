/** One piece of a template: literal text or the source of a `{{ expression }}` part. */
export type TemplatePart = { kind: 'text'; text: string } | { kind: 'expression'; source: string };

/** A template split into parts, with `single` set when it is exactly one expression part. */
export interface ParsedTemplate {
  parts: TemplatePart[];
  /** Set when the template is one `{{ expression }}` and nothing else, whitespace aside. */
  single?: string;
}

/** Raised when a template has a `{{` without its closing `}}`. */
export class TemplateSyntaxError extends Error {
  constructor(
    readonly template: string,
    readonly position: number,
  ) {
    super(
      `Template "${template}" opens "{{" at position ${position} without a closing "}}". ` +
        'Close the expression or remove the braces.',
    );
    this.name = 'TemplateSyntaxError';
  }
}

/**
 * Splits a template into text and `{{ expression }}` parts. There is no escape for a literal
 * `{{` in text; write `{{ "{{" }}` to produce one. The scanner skips string literals and
 * nested braces inside an expression, so `{{ {"a": {"b": 1}} }}` is one part.
 */
export function parseTemplate(template: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  let cursor = 0;

  while (cursor < template.length) {
    const open = template.indexOf('{{', cursor);
    if (open === -1) {
      parts.push({ kind: 'text', text: template.slice(cursor) });
      break;
    }
    if (open > cursor) parts.push({ kind: 'text', text: template.slice(cursor, open) });

    const close = findClose(template, open + 2);
    if (close === -1) throw new TemplateSyntaxError(template, open);
    parts.push({ kind: 'expression', source: template.slice(open + 2, close).trim() });
    cursor = close + 2;
  }

  const expressions = parts.filter((part) => part.kind === 'expression');
  const textIsBlank = parts.every((part) => part.kind === 'expression' || part.text.trim() === '');
  const only = expressions[0];
  if (expressions.length === 1 && textIsBlank && only?.kind === 'expression') {
    return { parts, single: only.source };
  }
  return { parts };
}

/** Returns true when the text contains a `{{` that starts an expression part. */
export function hasExpressionParts(text: string): boolean {
  return text.includes('{{');
}

/** Returns the index of the `}}` that closes an expression starting at `start`, or -1. */
function findClose(template: string, start: number): number {
  let depth = 0;
  let quote: string | undefined;

  for (let index = start; index < template.length; index++) {
    const char = template[index];

    if (quote) {
      if (char === '\\') index++;
      else if (char === quote) quote = undefined;
      continue;
    }

    if (char === '"' || char === "'" || char === '`') quote = char;
    else if (char === '{') depth++;
    else if (char === '}' && depth > 0) depth--;
    else if (char === '}' && template[index + 1] === '}') return index;
  }
  return -1;
}
