import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keyLength: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 32 };

/** Generates a random secret of `bytes` bytes, base64url encoded. */
export function generateSecret(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

/**
 * Hashes a high-entropy generated token with SHA-256. Only for random tokens: a guessable
 * secret such as a password needs `hashPassword`.
 */
export function hashToken(token: string): string {
  return 'sha256$' + crypto.createHash('sha256').update(token, 'utf8').digest('base64url');
}

/** Compares a token with a `hashToken` result in constant time. */
export function verifyToken(token: string, stored: string | null | undefined): boolean {
  if (!stored) return false;
  return safeEqual(hashToken(token), stored);
}

/** Hashes a password with scrypt; the result stores the parameters and the salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT.keyLength, {
    N: SCRYPT.N,
    r: SCRYPT.r,
    p: SCRYPT.p,
  });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Checks a password against a `hashPassword` result in constant time; false for a malformed hash. */
export async function verifyPassword(
  password: string,
  stored: string | null | undefined,
): Promise<boolean> {
  if (!stored) return false;

  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;

  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return crypto.timingSafeEqual(actual, expected);
}

/** Compares two strings in time independent of where they differ. */
export function safeEqual(a: string, b: string): boolean {
  // Hashing first gives equal-length buffers, so the length of `b` does not leak either.
  const left = crypto.createHash('sha256').update(a).digest();
  const right = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(left, right) && a.length === b.length;
}
