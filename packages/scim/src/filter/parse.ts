import { scimErrors } from '../errors.js';
import {
  formatPath,
  type AttributePath,
  type CompareOperator,
  type FilterExpression,
} from './ast.js';
import { literalOf, scanQuotedString, scanUnquotedValue } from './scan.js';

const COMPARE_OPERATORS: ReadonlySet<string> = new Set([
  'eq',
  'ne',
  'co',
  'sw',
  'ew',
  'gt',
  'ge',
  'lt',
  'le',
]);
const NAME_CHARACTER = /[A-Za-z0-9:._$-]/;

/** The maximum nesting of parentheses and value-path brackets in a filter. */
const MAX_NESTING = 32;

/**
 * The maximum number of comparisons in a filter. Evaluation recurses once per `and`/`or`, so the
 * limit keeps a filter from exhausting the stack, and no client filter comes near it.
 */
const MAX_TERMS = 1000;

/**
 * Parses a SCIM filter (RFC 7644 §3.4.2.2): the operators `eq ne co sw ew gt ge lt le pr`,
 * `and`/`or`/`not` with `and` binding tighter than `or`, parentheses, value paths
 * (`emails[type eq "work" and primary eq true]`, `emails[type eq "work"].value eq "x"`) and
 * URN-qualified attribute paths. Attribute names, operators and keywords match in any case.
 *
 * Values may also be unquoted, as WSO2 sends them (`displayName Eq Tide Ops`). An unquoted value
 * runs to the end of the filter, to the `)` that closes an open group (or `]` inside a value
 * path), or to an ` and ` or ` or ` that another expression follows. An unquoted `true`,
 * `false`, `null` or number is read as that literal.
 *
 * @throws ScimError 400 `invalidFilter` with a message naming the 0-based character position.
 */
export function parseFilter(text: string): FilterExpression {
  return new FilterParser(text).parseFilter();
}

/**
 * Parses an attribute path with an optional value filter and sub-attribute, as used in PATCH
 * paths: `name.givenName`, `emails[type eq "work"].value`, `members[value eq "id"]` or
 * `urn:…:enterprise:2.0:User:manager.value`.
 *
 * @throws ScimError 400 `invalidFilter` naming the position when the path cannot be parsed.
 */
export function parseAttributePath(text: string): AttributePath {
  return new FilterParser(text).parsePathOnly();
}

class FilterParser {
  private position = 0;
  private bracketDepth = 0;
  private groupDepth = 0;
  private nesting = 0;
  private terms = 0;

  constructor(private readonly text: string) {}

  parseFilter(): FilterExpression {
    this.skipWhitespace();
    if (this.atEnd())
      throw this.error('Empty filter', 'expected an attribute name such as userName');

    const expression = this.parseOr();
    this.skipWhitespace();
    if (!this.atEnd()) throw this.unexpected('expected "and", "or" or the end of the filter');
    return expression;
  }

  parsePathOnly(): AttributePath {
    this.skipWhitespace();
    const path = this.parsePath();
    if (this.peek() === '[') {
      const filter = this.parseValueFilter();
      path.valueFilter = filter;
      if (this.peek() === '.') {
        this.position += 1;
        path.subAttribute = this.readName('expected a sub-attribute name after "."');
      }
    }

    this.skipWhitespace();
    if (!this.atEnd()) throw this.unexpected('expected the end of the path');
    return path;
  }

  private parseOr(): FilterExpression {
    let left = this.parseAnd();
    while (this.matchKeyword('or')) {
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterExpression {
    let left = this.parseUnary();
    while (this.matchKeyword('and')) {
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterExpression {
    this.skipWhitespace();

    if (this.matchKeyword('not')) {
      this.skipWhitespace();
      if (this.peek() !== '(') throw this.unexpected('expected "(" after "not"');
      return { kind: 'not', expression: this.parseGroup() };
    }

    if (this.peek() === '(') return this.parseGroup();

    return this.parseAttributeExpression();
  }

  private parseGroup(): FilterExpression {
    const opened = this.position;
    this.enterNesting();
    this.position += 1;
    this.groupDepth += 1;

    const expression = this.parseOr();
    this.skipWhitespace();
    if (this.peek() !== ')') {
      throw this.unexpected(`expected ")" to close the "(" at position ${opened}`);
    }
    this.position += 1;
    this.groupDepth -= 1;
    this.nesting -= 1;
    return expression;
  }

  private parseAttributeExpression(): FilterExpression {
    this.terms += 1;
    if (this.terms > MAX_TERMS) {
      throw this.error('Filter too long', `use at most ${MAX_TERMS} comparisons`);
    }

    const path = this.parsePath();

    if (this.peek() === '[') {
      const filter = this.parseValueFilter();
      if (this.peek() !== '.') return { kind: 'valuePath', path, filter };

      this.position += 1;
      path.valueFilter = filter;
      path.subAttribute = this.readName('expected a sub-attribute name after "."');
    }

    return this.parseComparison(path);
  }

  private parseValueFilter(): FilterExpression {
    const opened = this.position;
    this.enterNesting();
    this.position += 1;
    this.bracketDepth += 1;

    const filter = this.parseOr();
    this.skipWhitespace();
    if (this.peek() !== ']')
      throw this.unexpected(`expected "]" to close the "[" at position ${opened}`);

    this.position += 1;
    this.bracketDepth -= 1;
    this.nesting -= 1;
    return filter;
  }

  private parseComparison(path: AttributePath): FilterExpression {
    const name = formatPath(path);
    this.skipWhitespace();
    if (this.atEnd())
      throw this.error('Unexpected end of filter', `expected an operator after '${name}'`);

    const operatorStart = this.position;
    const operator = this.readWord().toLowerCase();
    if (operator === '') throw this.unexpected(`expected an operator after '${name}'`);

    if (operator === 'pr') return { kind: 'present', path };

    if (!COMPARE_OPERATORS.has(operator)) {
      throw scimErrors.invalidFilter(
        `Unknown operator '${this.text.slice(operatorStart, this.position)}' at position ${operatorStart}: expected one of eq, ne, co, sw, ew, gt, ge, lt, le, pr.`,
      );
    }

    this.skipWhitespace();
    if (this.atEnd())
      throw this.error('Unexpected end of filter', `expected a value after '${operator}'`);

    const compare = { kind: 'compare' as const, path, operator: operator as CompareOperator };
    if (this.peek() === '"') {
      const { value, end } = scanQuotedString(this.text, this.position);
      this.position = end;
      return { ...compare, value };
    }

    const { raw, end } = scanUnquotedValue(this.text, this.position, {
      insideGroup: this.groupDepth > 0,
      insideBrackets: this.bracketDepth > 0,
    });
    this.position = end;
    if (raw === '') throw this.unexpected(`expected a value after '${operator}'`);
    return { ...compare, value: literalOf(raw), raw };
  }

  private parsePath(): AttributePath {
    const start = this.position;
    const token = this.readName('expected an attribute name');

    let rest = token;
    let schema: string | undefined;
    if (token.slice(0, 4).toLowerCase() === 'urn:') {
      // Attribute names cannot contain ":", so the schema URN ends at the last colon.
      const colon = token.lastIndexOf(':');
      schema = token.slice(0, colon);
      rest = token.slice(colon + 1);
    }

    const parts = rest.split('.');
    const [attribute, subAttribute, extra] = parts;
    if (attribute === undefined || attribute === '' || subAttribute === '' || extra !== undefined) {
      throw scimErrors.invalidFilter(
        `Invalid attribute path '${token}' at position ${start}: expected 'attribute' or 'attribute.subAttribute', optionally after a schema URN.`,
      );
    }

    const path: AttributePath = { attribute };
    if (schema !== undefined) path.schema = schema;
    if (subAttribute !== undefined) path.subAttribute = subAttribute;
    return path;
  }

  private readName(expectation: string): string {
    const start = this.position;
    while (!this.atEnd() && NAME_CHARACTER.test(this.text[this.position] ?? '')) this.position += 1;

    if (this.position === start) {
      if (this.atEnd()) throw this.error('Unexpected end of filter', expectation);
      throw this.unexpected(expectation);
    }
    return this.text.slice(start, this.position);
  }

  private readWord(): string {
    const start = this.position;
    while (/[A-Za-z]/.test(this.text[this.position] ?? '')) this.position += 1;
    return this.text.slice(start, this.position);
  }

  private matchKeyword(keyword: string): boolean {
    const saved = this.position;
    this.skipWhitespace();

    const candidate = this.text.slice(this.position, this.position + keyword.length).toLowerCase();
    const next = this.text[this.position + keyword.length] ?? '';
    const boundary = next === '' || /\s/.test(next) || next === '(';
    if (candidate === keyword && boundary) {
      this.position += keyword.length;
      return true;
    }

    this.position = saved;
    return false;
  }

  /** Counts one level of `(` or `[`, so that deep nesting fails with a message, not a stack overflow. */
  private enterNesting(): void {
    this.nesting += 1;
    if (this.nesting > MAX_NESTING) {
      throw this.error(
        'Filter nested too deeply',
        `use at most ${MAX_NESTING} levels of parentheses and brackets`,
      );
    }
  }

  private skipWhitespace(): void {
    while (/\s/.test(this.text[this.position] ?? '')) this.position += 1;
  }

  private peek(): string | undefined {
    return this.text[this.position];
  }

  private atEnd(): boolean {
    return this.position >= this.text.length;
  }

  private error(problem: string, expectation: string) {
    return scimErrors.invalidFilter(`${problem} at position ${this.position}: ${expectation}.`);
  }

  private unexpected(expectation: string) {
    if (this.atEnd()) return this.error('Unexpected end of filter', expectation);
    return this.error(`Unexpected '${this.text[this.position]}'`, expectation);
  }
}
