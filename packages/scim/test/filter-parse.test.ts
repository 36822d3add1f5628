import { describe, expect, test } from 'vitest';
import { parseFilter, type FilterExpression } from '@scimflow/scim';
import { scimErrorOf } from './helpers.js';

const userName = { attribute: 'userName' };

describe('parseFilter grammar', () => {
  const cases: Array<[string, FilterExpression]> = [
    ['userName eq "ines"', { kind: 'compare', path: userName, operator: 'eq', value: 'ines' }],
    ['userName Eq "ines"', { kind: 'compare', path: userName, operator: 'eq', value: 'ines' }],
    ['userName EQ "ines"', { kind: 'compare', path: userName, operator: 'eq', value: 'ines' }],
    ['title pr', { kind: 'present', path: { attribute: 'title' } }],
    ['title PR', { kind: 'present', path: { attribute: 'title' } }],
    [
      'name.givenName sw "In"',
      {
        kind: 'compare',
        path: { attribute: 'name', subAttribute: 'givenName' },
        operator: 'sw',
        value: 'In',
      },
    ],
    [
      'active eq true',
      { kind: 'compare', path: { attribute: 'active' }, operator: 'eq', value: true, raw: 'true' },
    ],
    [
      'active eq False',
      {
        kind: 'compare',
        path: { attribute: 'active' },
        operator: 'eq',
        value: false,
        raw: 'False',
      },
    ],
    [
      'manager eq null',
      { kind: 'compare', path: { attribute: 'manager' }, operator: 'eq', value: null, raw: 'null' },
    ],
    [
      'x.count gt 10',
      {
        kind: 'compare',
        path: { attribute: 'x', subAttribute: 'count' },
        operator: 'gt',
        value: 10,
        raw: '10',
      },
    ],
    [
      'x.ratio le -2.5',
      {
        kind: 'compare',
        path: { attribute: 'x', subAttribute: 'ratio' },
        operator: 'le',
        value: -2.5,
        raw: '-2.5',
      },
    ],
    [
      'userName eq "a \\"quoted\\" name"',
      { kind: 'compare', path: userName, operator: 'eq', value: 'a "quoted" name' },
    ],
    [
      'userName Eq ines.ward@example.org',
      {
        kind: 'compare',
        path: userName,
        operator: 'eq',
        value: 'ines.ward@example.org',
        raw: 'ines.ward@example.org',
      },
    ],
    [
      'displayName Eq Tide Ops',
      {
        kind: 'compare',
        path: { attribute: 'displayName' },
        operator: 'eq',
        value: 'Tide Ops',
        raw: 'Tide Ops',
      },
    ],
    [
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "Ops"',
      {
        kind: 'compare',
        path: {
          schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
          attribute: 'department',
        },
        operator: 'eq',
        value: 'Ops',
      },
    ],
    [
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "u1"',
      {
        kind: 'compare',
        path: {
          schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
          attribute: 'manager',
          subAttribute: 'value',
        },
        operator: 'eq',
        value: 'u1',
      },
    ],
    [
      'emails[type eq "work" and primary eq true]',
      {
        kind: 'valuePath',
        path: { attribute: 'emails' },
        filter: {
          kind: 'and',
          left: { kind: 'compare', path: { attribute: 'type' }, operator: 'eq', value: 'work' },
          right: {
            kind: 'compare',
            path: { attribute: 'primary' },
            operator: 'eq',
            value: true,
            raw: 'true',
          },
        },
      },
    ],
    [
      'emails[type eq "work"].value eq "x@example.org"',
      {
        kind: 'compare',
        path: {
          attribute: 'emails',
          subAttribute: 'value',
          valueFilter: {
            kind: 'compare',
            path: { attribute: 'type' },
            operator: 'eq',
            value: 'work',
          },
        },
        operator: 'eq',
        value: 'x@example.org',
      },
    ],
    [
      'emails[type eq work]',
      {
        kind: 'valuePath',
        path: { attribute: 'emails' },
        filter: {
          kind: 'compare',
          path: { attribute: 'type' },
          operator: 'eq',
          value: 'work',
          raw: 'work',
        },
      },
    ],
  ];

  test.each(cases)('%s', (text, expected) => {
    expect(parseFilter(text)).toEqual(expected);
  });

  test.each(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'])('operator %s', (operator) => {
    expect(parseFilter(`userName ${operator} "x"`)).toEqual({
      kind: 'compare',
      path: userName,
      operator,
      value: 'x',
    });
  });
});

describe('parseFilter logic', () => {
  const a = { kind: 'compare', path: { attribute: 'a' }, operator: 'eq', value: '1' } as const;
  const b = { kind: 'compare', path: { attribute: 'b' }, operator: 'eq', value: '2' } as const;
  const c = { kind: 'compare', path: { attribute: 'c' }, operator: 'eq', value: '3' } as const;

  test.each<[string, FilterExpression]>([
    [
      'a eq "1" or b eq "2" and c eq "3"',
      { kind: 'or', left: a, right: { kind: 'and', left: b, right: c } },
    ],
    [
      'a eq "1" and b eq "2" or c eq "3"',
      { kind: 'or', left: { kind: 'and', left: a, right: b }, right: c },
    ],
    [
      '(a eq "1" or b eq "2") and c eq "3"',
      { kind: 'and', left: { kind: 'or', left: a, right: b }, right: c },
    ],
    ['a eq "1" AND b eq "2"', { kind: 'and', left: a, right: b }],
    ['a eq "1" Or b eq "2"', { kind: 'or', left: a, right: b }],
    ['not (a eq "1")', { kind: 'not', expression: a }],
    ['NOT(a eq "1") and b eq "2"', { kind: 'and', left: { kind: 'not', expression: a }, right: b }],
    [
      'a eq "1" and b eq "2" and c eq "3"',
      { kind: 'and', left: { kind: 'and', left: a, right: b }, right: c },
    ],
    ['((a eq "1"))', a],
  ])('%s', (text, expected) => {
    expect(parseFilter(text)).toEqual(expected);
  });

  test.each<[string, string]>([
    ['userName eq ines and active eq true', 'ines'],
    ['displayName eq Tide Ops or displayName eq "Other"', 'Tide Ops'],
    ['(displayName eq Tide Ops)', 'Tide Ops'],
    ['displayName eq Tide and Ops', 'Tide and Ops'],
    ['displayName eq R and D and active eq true', 'R and D'],
    ['displayName eq Sales or Support or title pr', 'Sales or Support'],
    ['displayName eq A and (title pr)', 'A'],
    ['displayName eq A and not (title pr)', 'A'],
    ['displayName eq A or emails[type eq "work"]', 'A'],
  ])('unquoted value in %s', (text, expected) => {
    const filter = parseFilter(text);
    const first = filter.kind === 'and' || filter.kind === 'or' ? filter.left : filter;

    expect(first).toMatchObject({ kind: 'compare', value: expected });
  });
});

describe('parseFilter errors', () => {
  test.each([
    ['userName eq', "Unexpected end of filter at position 11: expected a value after 'eq'"],
    ['userName eq ', "Unexpected end of filter at position 12: expected a value after 'eq'"],
    ['userName', "Unexpected end of filter at position 8: expected an operator after 'userName'"],
    ['userName eq "ines', 'Unterminated string at position 12'],
    ['(userName eq "ines"', 'expected ")" to close the "(" at position 0'],
    ['userName eq "ines")', "Unexpected ')' at position 18"],
    ['userName zz "ines"', "Unknown operator 'zz' at position 9"],
    ['', 'Empty filter at position 0'],
    ['   ', 'Empty filter at position 3'],
    ['emails[type eq "work"', 'expected "]" to close the "[" at position 6'],
    ['not userName eq "x"', 'expected "(" after "not"'],
    ['userName eq "x" and', 'Unexpected end of filter at position 19: expected an attribute name'],
    ['"ines" eq userName', "Unexpected '\"' at position 0"],
    ['name.given.name eq "x"', "Invalid attribute path 'name.given.name' at position 0"],
    ['userName eq "bad \\q escape"', 'Invalid string at position 12'],
  ])('%j', (text, message) => {
    const error = scimErrorOf(() => parseFilter(text));

    expect(error.status).toBe(400);
    expect(error.scimType).toBe('invalidFilter');
    expect(error.detail).toContain(message);
  });
});

describe('parseFilter limits', () => {
  test('deep nesting rejected', () => {
    const text = `${'('.repeat(5000)}userName eq "x"${')'.repeat(5000)}`;

    const error = scimErrorOf(() => parseFilter(text));

    expect(error.scimType).toBe('invalidFilter');
    expect(error.detail).toContain('Filter nested too deeply at position 32');
  });

  test('moderate nesting accepted', () => {
    const text = `${'('.repeat(30)}userName eq "x"${')'.repeat(30)}`;

    expect(parseFilter(text)).toMatchObject({ kind: 'compare', value: 'x' });
  });

  test('too many comparisons rejected', () => {
    const text = Array.from({ length: 1001 }, () => 'userName eq "x"').join(' or ');

    const error = scimErrorOf(() => parseFilter(text));

    expect(error.scimType).toBe('invalidFilter');
    expect(error.detail).toContain('use at most 1000 comparisons');
  });
});
