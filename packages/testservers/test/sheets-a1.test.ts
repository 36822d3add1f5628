import { describe, expect, it } from 'vitest';

import { columnIndex, columnLetters, formatA1, parseA1 } from '../src/google/sheets/a1.js';

describe('A1 notation', () => {
  it.each([
    ['Sheet1', { sheetTitle: 'Sheet1' }],
    [
      'Sheet1!A1:D',
      { sheetTitle: 'Sheet1', startRow: 0, startColumn: 0, endRow: undefined, endColumn: 3 },
    ],
    [
      "'My Tab'!A:C",
      {
        sheetTitle: 'My Tab',
        startRow: undefined,
        startColumn: 0,
        endRow: undefined,
        endColumn: 2,
      },
    ],
    ["'It''s'!B2", { sheetTitle: "It's", startRow: 1, startColumn: 1, endRow: 1, endColumn: 1 }],
    ["'My Tab'", { sheetTitle: 'My Tab' }],
    [
      'A2:B',
      { sheetTitle: undefined, startRow: 1, startColumn: 0, endRow: undefined, endColumn: 1 },
    ],
    [
      'Roster!2:5',
      {
        sheetTitle: 'Roster',
        startRow: 1,
        startColumn: undefined,
        endRow: 4,
        endColumn: undefined,
      },
    ],
    [
      'Sheet1!AA10:AB12',
      { sheetTitle: 'Sheet1', startRow: 9, startColumn: 26, endRow: 11, endColumn: 27 },
    ],
  ])('parses %s', (text, expected) => {
    expect(parseA1(text)).toEqual(expected);
  });

  it.each(['Sheet1!A1:B2:C3', "'Unclosed!A1", 'Sheet1!1A', 'Sheet1!A1:3', '', "''!A1"])(
    'rejects %s',
    (text) => {
      expect(parseA1(text)).toBeUndefined();
    },
  );

  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('converts column %i to %s and back', (index, letters) => {
    expect(columnLetters(index)).toBe(letters);
    expect(columnIndex(letters)).toBe(index);
  });

  it('formats ranges with quotes where needed', () => {
    const range = { startRow: 0, startColumn: 0, endRow: 4, endColumn: 2 };

    expect(formatA1({ sheetTitle: 'Sheet1', ...range })).toBe('Sheet1!A1:C5');
    expect(formatA1({ sheetTitle: 'My Tab', ...range })).toBe("'My Tab'!A1:C5");
    expect(
      formatA1({ sheetTitle: 'Sheet1', startRow: 2, startColumn: 1, endRow: 2, endColumn: 1 }),
    ).toBe('Sheet1!B3');
  });
});
