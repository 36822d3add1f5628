import crypto from 'node:crypto';
import { hashPassword, hashToken, verifyPassword, verifyToken } from './hash.js';

/** The four kinds of endpoint credential. */
export type CredentialKind = 'bearer' | 'basic' | 'apiKey' | 'oauth2';

// Successful scrypt checks are remembered so a client that sends Basic auth on every request
// pays for scrypt once. The key includes the stored hash, so a rotated secret misses the cache.
const verified = new Set<string>();
const MAX_CACHED = 1000;

/**
 * Hashes an endpoint secret: SHA-256 for secrets we generated (high entropy), scrypt for
 * secrets an operator chose, which may be guessable.
 */
export async function hashSecret(secret: string, generated: boolean): Promise<string> {
  return generated ? hashToken(secret) : hashPassword(secret);
}

/** Checks a secret against a `hashSecret` result in constant time. */
export async function verifySecret(
  secret: string,
  stored: string | null | undefined,
): Promise<boolean> {
  if (!stored) return false;
  if (stored.startsWith('sha256$')) return verifyToken(secret, stored);

  const cacheKey = stored + '\0' + crypto.createHash('sha256').update(secret).digest('base64url');
  if (verified.has(cacheKey)) return true;

  const ok = await verifyPassword(secret, stored);
  if (ok) {
    if (verified.size >= MAX_CACHED) verified.clear();
    verified.add(cacheKey);
  }
  return ok;
}
