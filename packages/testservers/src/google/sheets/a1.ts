/** A1 notation: parsing `'My Tab'!A2:C`, formatting ranges, and column letters. */

/** A parsed A1 range. Indexes are 0-based and inclusive; undefined bounds are open. */
export interface A1Range {
  /** Tab title, or undefined for the first tab. */
  sheetTitle?: string;
  startRow?: number;
  startColumn?: number;
  endRow?: number;
  endColumn?: number;
}

/** A range with every bound resolved against a tab's grid. */
export interface GridRange {
  sheetTitle: string;
  startRow: number;
  startColumn: number;
  endRow: number;
  endColumn: number;
}

/** Converts a column's letters (A, Z, AA) to its 0-based index. */
export function columnIndex(letters: string): number {
  let index = 0;
  for (const letter of letters.toUpperCase()) index = index * 26 + (letter.charCodeAt(0) - 64);
  return index - 1;
}

/** Converts a 0-based column index to its letters. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

const cellPattern = /^([A-Za-z]{1,3})?(\d+)?$/;

interface CellRef {
  row?: number;
  column?: number;
}

function parseCell(text: string): CellRef | undefined {
  const match = cellPattern.exec(text);
  if (match === null || (match[1] === undefined && match[2] === undefined)) return undefined;

  const row = match[2] === undefined ? undefined : Number(match[2]) - 1;
  if (row !== undefined && row < 0) return undefined;
  return { column: match[1] === undefined ? undefined : columnIndex(match[1]), row };
}

/** Parses the cell part of a range (`A1`, `A:C`, `A2:C`, `1:3`), or returns undefined. */
function parseCells(text: string): Omit<A1Range, 'sheetTitle'> | undefined {
  const [startText, endText, extra] = text.split(':');
  if (extra !== undefined || startText === undefined) return undefined;

  const start = parseCell(startText);
  const end = endText === undefined ? start : parseCell(endText);
  if (start === undefined || end === undefined) return undefined;

  // Both ends name a column, as in `A:C` and `A2:C`, or neither does, as in `1:3`.
  if ((start.column === undefined) !== (end.column === undefined)) return undefined;
  return { startRow: start.row, startColumn: start.column, endRow: end.row, endColumn: end.column };
}

/** Splits `'It''s'!A1` or `Tab!A1` into the title and the rest after `!`. */
function splitSheet(text: string): { title?: string; cells?: string } | undefined {
  if (text.startsWith("'")) {
    let title = '';
    let index = 1;
    while (index < text.length) {
      const char = text[index]!;
      if (char === "'" && text[index + 1] === "'") {
        title += "'";
        index += 2;
      } else if (char === "'") {
        break;
      } else {
        title += char;
        index += 1;
      }
    }
    if (index >= text.length) return undefined;

    const rest = text.slice(index + 1);
    if (rest === '') return { title };
    if (!rest.startsWith('!')) return undefined;
    return { title, cells: rest.slice(1) };
  }

  const bang = text.lastIndexOf('!');
  if (bang < 0) return parseCells(text) === undefined ? { title: text } : { cells: text };
  return { title: text.slice(0, bang), cells: text.slice(bang + 1) };
}

/**
 * Parses an A1 range: `Tab`, `Tab!A1:D`, `'My Tab'!A:C`, `A2:B` (first tab). Returns undefined
 * for text that is not A1 notation, so the caller can send Google's "Unable to parse range".
 */
export function parseA1(text: string): A1Range | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;

  const parts = splitSheet(trimmed);
  if (parts === undefined) return undefined;
  if (parts.title !== undefined && parts.title === '') return undefined;
  if (parts.cells === undefined) return { sheetTitle: parts.title };

  const cells = parseCells(parts.cells);
  if (cells === undefined) return undefined;
  return { sheetTitle: parts.title, ...cells };
}

/** Quotes a tab title when A1 notation needs it, as Google does in response ranges. */
export function quoteTitle(title: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(title) && parseCells(title) === undefined) return title;
  return `'${title.replace(/'/g, "''")}'`;
}

/** Formats a resolved range as `Sheet1!A1:C5`, or `Sheet1!B2` for a single cell. */
export function formatA1(range: GridRange): string {
  const start = `${columnLetters(range.startColumn)}${range.startRow + 1}`;
  const end = `${columnLetters(range.endColumn)}${range.endRow + 1}`;
  return `${quoteTitle(range.sheetTitle)}!${start === end ? start : `${start}:${end}`}`;
}
