import { generateKeyPairSync, type KeyObject } from 'node:crypto';

/** An RSA key pair for app JWTs and service-account assertions. */
export interface RsaKeyPair {
  publicKey: KeyObject;
  privateKey: KeyObject;
}

const pools = new Map<string, RsaKeyPair[]>();

/**
 * Returns the RSA key pair at `index` of a pool, generating it on first use. Generating a 2048-bit key
 * takes up to a few hundred milliseconds, so keys are reused across resets: each state counts
 * from 0 after a reset, which keeps keys distinct within one state.
 */
export function rsaKeyPair(poolName: 'github' | 'google', index: number): RsaKeyPair {
  const pool = pools.get(poolName) ?? [];
  pools.set(poolName, pool);
  while (pool.length <= index) pool.push(generateKeyPairSync('rsa', { modulusLength: 2048 }));
  return pool[index]!;
}
