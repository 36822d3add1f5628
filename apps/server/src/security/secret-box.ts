import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const VERSION = 'v1';

/** Encrypts and decrypts short secrets with AES-256-GCM under one 32-byte key. */
export interface SecretBox {
  /** Encrypts `plaintext`; the result is `v1.<iv>.<tag>.<ciphertext>` in base64url. */
  encrypt(plaintext: string, associatedData?: string): string;
  /** Decrypts an `encrypt` result; throws when the key, the associated data or the text does not match. */
  decrypt(sealed: string, associatedData?: string): string;
}

/** Creates a SecretBox for `key` (32 bytes). */
export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) {
    throw new Error(`The secret key must be 32 bytes for AES-256-GCM, got ${key.length} bytes`);
  }

  return {
    encrypt(plaintext, associatedData) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      if (associatedData !== undefined) cipher.setAAD(Buffer.from(associatedData, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv, tag, ciphertext]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },

    decrypt(sealed, associatedData) {
      const [version, iv, tag, ciphertext] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || ciphertext === undefined) {
        throw new Error(
          `Encrypted secret has an unknown format; expected "${VERSION}.<iv>.<tag>.<ciphertext>"`,
        );
      }
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      if (associatedData !== undefined) decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}

/**
 * Returns the configured key, or reads `<dataDir>/secret.key` (base64), generating it with
 * mode 0600 on first start. Throws when the file exists but does not contain 32 bytes.
 */
export function loadSecretKey(
  dataDir: string,
  configured?: Buffer,
): { key: Buffer; generated: boolean } {
  if (configured) return { key: configured, generated: false };

  const file = path.join(dataDir, 'secret.key');
  if (fs.existsSync(file)) {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) {
      throw new Error(
        `${file} must contain 32 bytes in base64, found ${key.length} bytes; restore the original key file`,
      );
    }
    return { key, generated: false };
  }

  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32);
  // flag 'wx' fails instead of overwriting a key another process wrote in the meantime.
  fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return { key, generated: true };
}

/** Derives a purpose-specific 32-byte key from the secret key with HKDF-SHA256. */
export function deriveKey(key: Buffer, purpose: string): Uint8Array {
  return new Uint8Array(crypto.hkdfSync('sha256', key, Buffer.alloc(0), purpose, 32));
}
