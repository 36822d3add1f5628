import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../src/db/database.js';
import { createSecretBox } from '../../src/security/secret-box.js';
import { sealSecrets } from '../../src/credentials/credential-codec.js';
import { CredentialNotFoundError, resolveCredential } from '../../src/credentials/resolve.js';

const secretBox = createSecretBox(crypto.randomBytes(32));
let dataDir: string;
let database: OpenDatabase;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scimflow-resolve-'));
  database = await openDatabase(dataDir);

  const now = new Date().toISOString();
  for (const [id, name] of [
    ['c1', 'GitHub acme'],
    ['c2', 'Copied secrets'],
  ] as const) {
    await database.db
      .insertInto('credentials')
      .values({
        id,
        name,
        name_lower: name.toLowerCase(),
        type: 'github.token',
        fields: JSON.stringify({ baseUrl: 'http://127.0.0.1:9/api' }),
        secrets: sealSecrets(secretBox, 'c1', { token: 'ghp_resolve_canary' }),
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
});

afterAll(async () => {
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('resolveCredential', () => {
  it('merges fields and decrypted secrets', async () => {
    const credential = await resolveCredential(database.db, secretBox, 'GitHub acme');
    expect(credential.type).toBe('github.token');
    expect(credential.data).toEqual({
      baseUrl: 'http://127.0.0.1:9/api',
      token: 'ghp_resolve_canary',
    });
  });

  it('unknown name throws CredentialNotFoundError', async () => {
    await expect(resolveCredential(database.db, secretBox, 'github acme')).rejects.toBeInstanceOf(
      CredentialNotFoundError,
    );
  });

  it('secrets sealed for another row do not decrypt', async () => {
    await expect(resolveCredential(database.db, secretBox, 'Copied secrets')).rejects.toThrow(
      /do not decrypt/,
    );
  });

  it('another secret key does not decrypt', async () => {
    const otherBox = createSecretBox(crypto.randomBytes(32));
    await expect(resolveCredential(database.db, otherBox, 'GitHub acme')).rejects.toThrow(
      /do not decrypt/,
    );
  });
});
