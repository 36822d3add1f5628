import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startTestServers, type ServiceAccountKey, type TestServers } from '../src/index.js';
import { requestToken, signAssertion } from './google-helpers.js';

let servers: TestServers;
let key: ServiceAccountKey;
let otherKey: ServiceAccountKey;

beforeAll(async () => {
  servers = await startTestServers();
});

afterAll(async () => {
  await servers.close();
});

beforeEach(async () => {
  await servers.reset();
  servers.google.addAdmin('admin@example.com');
  key = servers.google.createServiceAccount();
  otherKey = servers.google.createServiceAccount({ delegatedScopes: [] });
});

const shortLived = /short-lived token \(60 minutes\)/;

describe('Google token endpoint', () => {
  it('issues a token for a valid assertion', async () => {
    const response = await requestToken(servers.google.tokenUri, await signAssertion(key));

    expect(response.status).toBe(200);
    expect(response.body.token_type).toBe('Bearer');
    expect(response.body.expires_in).toBe(3599);
    expect(response.body.access_token).toMatch(/^ya29\./);
  });

  it('writes token_uri into the generated key', () => {
    expect(key.token_uri).toBe(servers.google.tokenUri);
    expect(key.type).toBe('service_account');
    expect(key.private_key).toContain('BEGIN PRIVATE KEY');
    expect(key.client_email).toMatch(/@scimflow-test\.iam\.gserviceaccount\.com$/);
  });

  it('accepts the real token URL as audience', async () => {
    const assertion = await signAssertion(key, { aud: 'https://oauth2.googleapis.com/token' });

    const response = await requestToken(servers.google.tokenUri, assertion);

    expect(response.status).toBe(200);
  });

  it('issues a token without sub for the account itself', async () => {
    const response = await requestToken(
      servers.google.tokenUri,
      await signAssertion(key, { sub: null }),
    );

    expect(response.status).toBe(200);
  });

  const now = Math.floor(Date.now() / 1000);
  it.each([
    [
      'an expired assertion',
      { iat: now - 7200, exp: now - 3600 },
      400,
      'invalid_grant',
      shortLived,
    ],
    ['a lifetime over one hour', { iat: now, exp: now + 7200 }, 400, 'invalid_grant', shortLived],
    ['an iat in the future', { iat: now + 600, exp: now + 1200 }, 400, 'invalid_grant', shortLived],
    ['a wrong audience', { aud: 'http://127.0.0.1:1/token' }, 400, 'invalid_grant', /audience/],
    [
      'an unknown issuer',
      { iss: 'ghost@example.iam.gserviceaccount.com' },
      400,
      'invalid_grant',
      /account not found/,
    ],
    [
      'an unknown subject',
      { sub: 'nobody@example.com' },
      400,
      'invalid_grant',
      /Invalid email or User ID/,
    ],
    ['no scope', { scope: null }, 400, 'invalid_scope', /scope/],
  ])('rejects %s', async (_case, overrides, status, error, description) => {
    const response = await requestToken(
      servers.google.tokenUri,
      await signAssertion(key, overrides),
    );

    expect(response.status).toBe(status);
    expect(response.body.error).toBe(error);
    expect(response.body.error_description).toMatch(description);
  });

  it('rejects a signature by another key', async () => {
    const assertion = await signAssertion(key, { privateKey: otherKey.private_key });

    const response = await requestToken(servers.google.tokenUri, assertion);

    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid JWT Signature.',
    });
  });

  it('rejects delegation without granted scopes', async () => {
    const response = await requestToken(servers.google.tokenUri, await signAssertion(otherKey));

    expect(response.status).toBe(401);
    expect(response.body.error).toBe('unauthorized_client');
    expect(response.body.error_description).toMatch(
      /^Client is unauthorized to retrieve access tokens/,
    );
  });

  it('rejects other grant types', async () => {
    const response = await requestToken(servers.google.tokenUri, 'x', 'client_credentials');

    expect(response.status).toBe(400);
    expect(response.body.error).toBe('unsupported_grant_type');
  });

  it('rejects a malformed assertion', async () => {
    const response = await requestToken(servers.google.tokenUri, 'not-a-jwt');

    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_grant');
  });
});
