import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  basicAuthorization,
  credentialFieldsOf,
  credentialTypes,
  secretFieldsOf,
  secretValuesOf,
} from '../../src/credentials/index.js';
import type { CredentialType, ResolvedCredential } from '../../src/define.js';

const { privateKey } = crypto.generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

const serviceAccountKey = JSON.stringify({
  type: 'service_account',
  client_email: 'provisioner@example-project.iam.gserviceaccount.com',
  private_key: privateKey,
  token_uri: 'http://127.0.0.1:4010/google/token',
});

/** One valid credential of each type, with the values that must stay readable. */
const examples: { type: CredentialType; data: Record<string, unknown>; readable: string[] }[] = [
  {
    type: 'github.token',
    data: { token: 'ghp_tokenvalue0123', baseUrl: 'http://127.0.0.1:4010/github' },
    readable: ['http://127.0.0.1:4010/github'],
  },
  {
    type: 'github.app',
    data: {
      appId: 12,
      installationId: 34,
      privateKey,
      baseUrl: 'http://127.0.0.1:4010/github',
    },
    readable: ['http://127.0.0.1:4010/github'],
  },
  {
    type: 'google.serviceAccount',
    data: {
      serviceAccountKey,
      subject: 'admin@example.com',
      directoryBaseUrl: 'http://127.0.0.1:4010/google',
      sheetsBaseUrl: 'http://127.0.0.1:4011/google',
    },
    readable: ['admin@example.com', 'http://127.0.0.1:4010/google', 'http://127.0.0.1:4011/google'],
  },
  {
    type: 'http.bearer',
    data: { token: 'bearer-value-0123', testUrl: 'http://127.0.0.1:4010/http/ping' },
    readable: ['http://127.0.0.1:4010/http/ping'],
  },
  {
    type: 'http.basic',
    data: { username: 'svc-user', password: 'basic-password-0123' },
    readable: ['svc-user'],
  },
  {
    type: 'http.header',
    data: { name: 'X-API-Key', value: 'api-key-value-0123' },
    readable: ['X-API-Key'],
  },
];

function credentialOf(type: string, data: Record<string, unknown>): ResolvedCredential {
  return { name: 'Example', type: type as CredentialType, data };
}

describe('secretValuesOf', () => {
  it('covers every credential type', () => {
    expect(examples.map((example) => example.type).sort()).toEqual(
      Object.keys(credentialTypes).sort(),
    );
  });

  it.each(examples)('$type returns each secret field value', ({ type, data }) => {
    const secrets = secretValuesOf(credentialOf(type, data));

    for (const field of secretFieldsOf(type)) expect(secrets, field).toContain(data[field]);
  });

  it.each(examples)('$type leaves non-secret values out', ({ type, data, readable }) => {
    const secrets = secretValuesOf(credentialOf(type, data));

    for (const value of readable) expect(secrets).not.toContain(value);
  });

  it('service account adds its private key', () => {
    const secrets = secretValuesOf(credentialOf('google.serviceAccount', examples[2]!.data));

    expect(secrets).toContain(serviceAccountKey);
    expect(secrets).toContain(privateKey);
    expect(secrets).toContain(JSON.stringify(privateKey).slice(1, -1));
  });

  it('basic adds encoded user and password', () => {
    const data = { username: 'svc-user', password: 'basic-password-0123' };
    const encoded = basicAuthorization(data.username, data.password).slice('Basic '.length);

    expect(secretValuesOf(credentialOf('http.basic', data))).toContain(encoded);
  });

  it('invalid data keeps field secrets', () => {
    const data = { serviceAccountKey: 'not a key file', subject: 'not an email' };

    expect(secretValuesOf(credentialOf('google.serviceAccount', data))).toEqual(['not a key file']);
  });

  it.each(['ftp.password', 'toString'])('unknown type %s returns none', (type) => {
    expect(secretValuesOf(credentialOf(type, { password: 'ftp-password' }))).toEqual([]);
  });
});

describe('credentialFieldsOf', () => {
  it.each([
    { type: 'github.token', fields: ['token', 'baseUrl'] },
    { type: 'github.app', fields: ['appId', 'installationId', 'privateKey', 'baseUrl'] },
    {
      type: 'google.serviceAccount',
      fields: ['serviceAccountKey', 'subject', 'directoryBaseUrl', 'sheetsBaseUrl'],
    },
    { type: 'http.bearer', fields: ['token', 'testUrl'] },
    { type: 'http.basic', fields: ['username', 'password', 'testUrl'] },
    { type: 'http.header', fields: ['name', 'value', 'testUrl'] },
  ] as { type: CredentialType; fields: string[] }[])(
    '$type declares $fields',
    ({ type, fields }) => {
      expect(credentialFieldsOf(type)).toEqual(fields);
    },
  );
});
