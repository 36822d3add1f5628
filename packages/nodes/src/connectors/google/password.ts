const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '!#$%&*+-=?@^_';
const ALL = LOWER + UPPER + DIGITS + SYMBOLS;

/**
 * Generates a random password from Web Crypto: `length` ASCII characters with at least one
 * lower-case letter, upper-case letter, digit and symbol. Google accepts 8 to 100 ASCII characters.
 */
export function generatePassword(length = 24): string {
  const characters = [LOWER, UPPER, DIGITS, SYMBOLS].map(pick);
  while (characters.length < length) characters.push(pick(ALL));

  // Shuffle (Fisher–Yates) so the required classes do not sit at fixed positions.
  for (let index = characters.length - 1; index > 0; index--) {
    const other = randomBelow(index + 1);
    [characters[index], characters[other]] = [characters[other]!, characters[index]!];
  }
  return characters.join('');
}

function pick(alphabet: string): string {
  return alphabet[randomBelow(alphabet.length)]!;
}

/** Returns a uniform random integer in [0, bound), rejecting values that would bias it. */
function randomBelow(bound: number): number {
  const limit = Math.floor(0x1_0000_0000 / bound) * bound;
  const buffer = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buffer);
    if (buffer[0]! < limit) return buffer[0]! % bound;
  }
}
